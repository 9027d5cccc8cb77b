#include "lang/surface/surface.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>
#include <utf8proc.h>

#include "lang/grammar_zh.hpp"
#include "lang/i18n.hpp"
#include "lang/surface/identifier.hpp"

namespace rubric::lang::surface {

namespace {

constexpr std::string_view ideographic_space = "\xE3\x80\x80";

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// Blanks, comments and a byte order mark before the first statement.
std::string_view skip_preamble(std::string_view text) {
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  for (;;) {
    if (!text.empty() && (text[0] == ' ' || text[0] == '\t' || text[0] == '\n' || text[0] == '\r' ||
                          text[0] == '\v' || text[0] == '\f')) {
      text.remove_prefix(1);
    } else if (starts_with(text, ideographic_space)) {
      text.remove_prefix(ideographic_space.size());
    } else if (starts_with(text, "#") || starts_with(text, "＃")) {
      auto end = text.find('\n');
      text.remove_prefix(end == std::string_view::npos ? text.size() : end);
    } else {
      return text;
    }
  }
}

struct keyword_pair {
  std::string_view english;  // the word that starts the statement or clause
  std::string_view chinese;  // how the Chinese surface starts it
};

// English keyword → the Chinese form, for a Chinese file that has an English keyword.
constexpr std::array<keyword_pair, 39> english_keywords = {{
    {"rubric", "细则「NAME」 版本「ID」 自 2023年9月1日 起施行"},
    {"scores", "以 单元（unit） 为单位，按月评分，基础分 N 分"},
    {"role_subsidy", "履职补贴「TITLE」 N%"},
    {"role", "角色"},
    {"event", "事件"},
    {"area", "类别"},
    {"rule", "规则"},
    {"veto", "一票否决"},
    {"ranking", "每月排名"},
    {"awards", "每年评奖"},
    {"award", "第 N 名授予 / 前 N 名授予 / 后 N 名授予"},
    {"grades", "等级"},
    {"roster", "花名册"},
    {"each", "每次"},
    {"total", "KIND 的 ATTRIBUTE 合计"},
    {"no", "无"},
    {"distinct", "KIND 的 不同 ATTRIBUTE"},
    {"average", "KIND 的 ATTRIBUTE 平均"},
    {"capped", "每月最多扣 N 分 / 每月最多加 N 分"},
    {"counted", "每年只计一次 / 每月最多计 N 次"},
    {"exempt", "豁免「REASON」：CONDITION"},
    {"when", "条件："},
    {"unless", "除非："},
    {"effect", "后果："},
    {"order", "按 KEY 从高到低 排序"},
    {"then", "其次按"},
    {"ties", "并列者名次相同"},
    {"subsidy", "第 N 名补贴 N%"},
    {"only", "仅限"},
    {"within", "按 COLUMN 分别排名"},
    {"rank", "按 COLUMN 的平均分排名"},
    {"true", "是或否"},
    {"integer", "整数"},
    {"decimal", "小数"},
    {"person", "人员"},
    {"date", "日期"},
    {"one", "A、B 之一"},
    {"default", "默认"},
    {"optional", "可空"},
}};

// Chinese keyword → the English form, for an English file that has a Chinese keyword. Longer
// keywords first, so that the longest one found is named.
constexpr std::array<keyword_pair, 20> chinese_keywords = {{
    {"并列者名次相同", "ties share a rank"},
    {"一票否决", "veto"},
    {"履职补贴", "role_subsidy"},
    {"其次按", "then by"},
    {"花名册", "roster"},
    {"细则", "rubric"},
    {"角色", "role"},
    {"事件", "event"},
    {"类别", "area"},
    {"规则", "rule"},
    {"等级", "grades"},
    {"每次", "each"},
    {"豁免", "exempt"},
    {"条件", "when"},
    {"除非", "unless"},
    {"后果", "effect"},
    {"仅限", "only"},
    {"连续", "award … for N months in a row with DISTINCTION"},
    {"累进", "escalating"},
    {"按登记的", "recorded"},
}};

// `每月最多扣`, `每年只计一次`, `每月排名`, `每年评奖`: `每`, a period, then the rest.
std::optional<foreign_keyword> chinese_period_keyword(std::string_view rest) {
  if (!starts_with(rest, "每")) return std::nullopt;
  std::string_view after = rest.substr(3);
  for (std::string_view period : {"季度", "半年", "日", "周", "月", "年"}) {
    if (!starts_with(after, period)) continue;
    std::string_view tail = after.substr(period.size());
    static constexpr std::array<keyword_pair, 5> tails = {{{"最多计", "counted at most N times per PERIOD"},
                                                           {"最多", "capped at N per PERIOD"},
                                                           {"只计一次", "counted at most once per PERIOD"},
                                                           {"排名", "ranking per PERIOD"},
                                                           {"评奖", "awards per PERIOD"}}};
    for (const auto& t : tails) {
      if (starts_with(tail, t.english)) {
        return foreign_keyword{3 + period.size() + t.english.size(), rest.substr(0, 3 + period.size() + t.english.size()),
                               t.chinese};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

ast::surface detect(std::string_view text) {
  return starts_with(skip_preamble(text), "细则") ? ast::surface::zh : ast::surface::en;
}

bool is_bare_word_zh(std::string_view label) {
  return !label.empty() && identifier_length(label) == label.size() && !grammar_zh::is_reserved_word(label) &&
         to_nfc(label) == label;
}

std::string_view first_keyword(ast::surface s) { return s == ast::surface::zh ? "细则" : "rubric"; }

std::optional<foreign_keyword> foreign_keyword_at(std::string_view rest, ast::surface file_surface) {
  if (file_surface == ast::surface::zh) {
    for (const auto& k : english_keywords) {
      // A whole word: `events` is not `event`.
      if (starts_with(rest, k.english) && identifier_char_length(rest.substr(k.english.size())) == 0) {
        return foreign_keyword{k.english.size(), k.english, k.chinese};
      }
    }
    return std::nullopt;
  }
  if (auto found = chinese_period_keyword(rest)) return found;
  for (const auto& k : chinese_keywords) {
    if (starts_with(rest, k.english)) return foreign_keyword{k.english.size(), k.english, k.chinese};
  }
  return std::nullopt;
}

std::vector<fullwidth_character> find_fullwidth_characters(std::string_view text) {
  std::vector<fullwidth_character> found;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  bool in_label = false;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (in_label) {
        if (c == '\\') ++i;
        else if (c == '"' || c == '\n') in_label = false;
      } else if (c == '"') {
        in_label = true;
      } else if (c == '#') {
        auto end = text.find('\n', i);
        i = end == std::string_view::npos ? text.size() : end;
        continue;
      }
      ++i;
      continue;
    }
    utf8proc_int32_t code_point;
    auto length = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &code_point);
    if (length <= 0) {
      ++i;
      continue;
    }
    auto size = static_cast<std::size_t>(length);
    if (!in_label) {
      std::string shown(text.substr(i, size));
      auto cp = static_cast<char32_t>(code_point);
      std::string message;
      if (cp >= 0xFF10 && cp <= 0xFF19) {
        message = i18n::tr("full-width digit `{}`; use `{}`", shown, static_cast<char>(cp - 0xFEE0));
      } else if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) {
        message = i18n::tr("full-width letter `{}`; use `{}`", shown, static_cast<char>(cp - 0xFEE0));
      } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
        // The full-width form of an ASCII character, named where the rubric language uses it.
        std::string ascii(1, static_cast<char>(cp - 0xFEE0));
        switch (ascii[0]) {
          case ':': message = i18n::tr("full-width colon `{}`; use `{}`", shown, ascii); break;
          case ',': message = i18n::tr("full-width comma `{}`; use `{}`", shown, ascii); break;
          case '(': message = i18n::tr("full-width opening parenthesis `{}`; use `{}`", shown, ascii); break;
          case ')': message = i18n::tr("full-width closing parenthesis `{}`; use `{}`", shown, ascii); break;
          case '%': message = i18n::tr("full-width percent sign `{}`; use `{}`", shown, ascii); break;
          case '-': message = i18n::tr("full-width minus sign `{}`; use `{}`", shown, ascii); break;
          case '+': message = i18n::tr("full-width plus sign `{}`; use `{}`", shown, ascii); break;
          case '"': message = i18n::tr("full-width quotation mark `{}`; use `{}`", shown, ascii); break;
          case '#': message = i18n::tr("full-width number sign `{}`; use `{}`", shown, ascii); break;
          default: message = i18n::tr("full-width character `{}`; use `{}`", shown, ascii); break;
        }
      } else if (cp == 0x3000) {
        message = i18n::text("ideographic space `　`; use an ordinary space");
      } else if (cp == 0x3001) {
        message = i18n::tr("ideographic comma `{}`; use `,`", shown);
      } else if (cp == 0x3002) {
        message = i18n::tr("ideographic full stop `{}`; an English statement needs none: delete it", shown);
      } else if (cp == 0x300C || cp == 0x300D || cp == 0x300E || cp == 0x300F) {
        message = i18n::tr("corner bracket `{}`; use `\"` around a label", shown);
      } else if (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019) {
        message = i18n::tr("curly quotation mark `{}`; use `\"` around a label", shown);
      }
      if (!message.empty()) found.push_back({i, size, std::move(message)});
    }
    i += size;
  }
  return found;
}

}  // namespace rubric::lang::surface
