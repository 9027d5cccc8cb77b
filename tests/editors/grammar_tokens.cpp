// The tokens of a rubric file as the real parser sees them: every keyword, name, number, date,
// label and comment, by byte offset. The editor tests compare the TextMate grammar's scopes with
// these, so that the highlighting is checked against the language itself, not against a second
// hand-made list of what a keyword is.
//
// Usage: editors_grammar_tokens FILE.rubric
// Prints `surface en|zh`, then one line per token: `KIND OFFSET LENGTH` (bytes into the file),
// KIND one of keyword, name, number, date, label, comment. Exits 1 when the file does not parse.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <tao/pegtl.hpp>

#include "lang/grammar.hpp"
#include "lang/grammar_zh.hpp"
#include "lang/surface/identifier.hpp"
#include "lang/surface/surface.hpp"

namespace p = tao::pegtl;
namespace en = rubric::lang::grammar;
namespace zh = rubric::lang::grammar_zh;

namespace {

struct token_record {
  std::string_view kind;
  std::size_t offset;
  std::size_t length;
};

// What the parse has kept so far. A rule that fails takes back what its sub-rules recorded, so
// that only the tokens of the parse that finally succeeded remain (PEG backtracks).
struct recorder {
  const char* file_begin = nullptr;
  std::vector<token_record> tokens;
  std::vector<std::size_t> marks;       // tokens.size() when each open rule started
  std::vector<const char*> starts;      // where each open rule started
  const char* last_skip_begin = nullptr;  // where the blanks after the last token began
};

template <typename T>
struct is_pegtl_string : std::false_type {};
template <char... Cs>
struct is_pegtl_string<p::ascii::string<Cs...>> : std::true_type {};

// Tokens written as token<X> (X, then blanks and comments): their text ends where the blanks begin.
template <typename Rule>
constexpr std::string_view token_kind() {
  if constexpr (std::is_same_v<Rule, en::date> || std::is_same_v<Rule, zh::date>) return "date";
  else if constexpr (std::is_same_v<Rule, en::percent> || std::is_same_v<Rule, zh::percent>) return "number";
  else if constexpr (std::is_same_v<Rule, en::label> || std::is_same_v<Rule, zh::quoted>) return "label";
  else return {};
}

// Tokens matched exactly, without blanks after them.
template <typename Rule>
constexpr std::string_view exact_kind() {
  if constexpr (std::is_same_v<Rule, en::identifier> || std::is_same_v<Rule, zh::identifier> ||
                std::is_same_v<Rule, en::unicode_identifier<zh::nothing_reserved>>)
    return "name";
  else if constexpr (std::is_same_v<Rule, en::number_text> || std::is_same_v<Rule, zh::unsigned_text>) return "number";
  else if constexpr (std::is_same_v<Rule, en::comment> || std::is_same_v<Rule, zh::comment>) return "comment";
  else if constexpr (is_pegtl_string<Rule>::value) return "keyword";  // only words: see below
  else return {};
}

template <typename Rule>
struct recording_control : p::normal<Rule> {
  template <typename ParseInput>
  static void start(const ParseInput& in, recorder& r) {
    r.marks.push_back(r.tokens.size());
    r.starts.push_back(in.current());
  }

  template <typename ParseInput>
  static void success(const ParseInput& in, recorder& r) {
    const char* begin = r.starts.back();
    r.marks.pop_back();
    r.starts.pop_back();
    const char* end = in.current();
    if constexpr (std::is_same_v<Rule, en::skip> || std::is_same_v<Rule, zh::skip>) {
      r.last_skip_begin = begin;
    } else if constexpr (!token_kind<Rule>().empty()) {
      record(r, token_kind<Rule>(), begin, r.last_skip_begin);
    } else if constexpr (!exact_kind<Rule>().empty()) {
      std::string_view text(begin, static_cast<std::size_t>(end - begin));
      if constexpr (std::is_same_v<Rule, en::comment> || std::is_same_v<Rule, zh::comment>) {
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
      }
      // A literal string is a keyword when it is a word (`rule`, `每次`, the `年` of a period),
      // not punctuation (`：`, `（`) or a byte order mark.
      if constexpr (is_pegtl_string<Rule>::value) {
        if (rubric::lang::surface::identifier_char_length(text) == 0) return;
      }
      record(r, exact_kind<Rule>(), text.data(), text.data() + text.size());
    }
  }

  template <typename ParseInput>
  static void failure(const ParseInput&, recorder& r) {
    r.tokens.resize(r.marks.back());
    r.marks.pop_back();
    r.starts.pop_back();
  }

 private:
  static void record(recorder& r, std::string_view kind, const char* begin, const char* end) {
    if (end <= begin) return;
    r.tokens.push_back({kind, static_cast<std::size_t>(begin - r.file_begin), static_cast<std::size_t>(end - begin)});
  }
};

template <typename Grammar>
bool parse_tokens(const std::string& text, const std::string& path, recorder& r) {
  p::memory_input input(text.data(), text.size(), path);
  r.file_begin = text.data();
  try {
    return p::parse<Grammar, p::nothing, recording_control>(input, r);
  } catch (const p::parse_error& error) {
    std::cerr << path << ": " << error.what() << '\n';
    return false;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: editors_grammar_tokens FILE.rubric\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": cannot read\n";
    return 2;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bool chinese = rubric::lang::surface::detect(text) == rubric::lang::ast::surface::zh;
  recorder r;
  bool parsed = chinese ? parse_tokens<zh::rubric_file>(text, argv[1], r) : parse_tokens<en::rubric_file>(text, argv[1], r);
  if (!parsed) {
    std::cerr << argv[1] << ": does not parse\n";
    return 1;
  }
  std::sort(r.tokens.begin(), r.tokens.end(),
            [](const token_record& a, const token_record& b) { return a.offset < b.offset; });
  // The 年, 月 and 日 of `2023年9月1日` are words the grammar matches, but part of the date.
  std::vector<token_record> dates;
  std::copy_if(r.tokens.begin(), r.tokens.end(), std::back_inserter(dates),
               [](const token_record& t) { return t.kind == "date"; });
  std::erase_if(r.tokens, [&](const token_record& t) {
    return t.kind != "date" && std::any_of(dates.begin(), dates.end(), [&](const token_record& d) {
             return t.offset >= d.offset && t.offset + t.length <= d.offset + d.length;
           });
  });
  std::cout << "surface " << (chinese ? "zh" : "en") << '\n';
  for (const auto& t : r.tokens) std::cout << t.kind << ' ' << t.offset << ' ' << t.length << '\n';
  return 0;
}
