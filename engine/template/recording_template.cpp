#include "engine/template/recording_template.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "engine/events/vocabulary.hpp"
#include "engine/plan.hpp"
#include "engine/roster.hpp"
#include "lang/i18n.hpp"
#include "lang/source.hpp"

namespace rubric::engine {

namespace {

using column = template_column;

std::string date_text(const lang::civil_date& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

// The words of data a rubric written in Chinese uses (the readers accept both languages'):
// its headers 日期/单元/类型 and 是/否; an English rubric's date/unit/kind and true/false.
struct data_words {
  bool chinese = false;
  std::string date() const { return chinese ? std::string(date_column_label) : "date"; }
  std::string unit() const { return chinese ? std::string(unit_column_label) : "unit"; }
  std::string kind() const { return chinese ? std::string(kind_column_label) : "kind"; }
  std::string yes() const { return chinese ? std::string(yes_word) : "true"; }
  std::string no() const { return chinese ? std::string(no_word) : "false"; }
};

// A label where one leads back to its thing alone, else the name: what a reader writes and the
// event readers understand.
std::string word_for(const std::string& name, const std::string& label, const std::vector<term>& all) {
  if (label.empty()) return name;
  return names_for(label, all).size() == 1 ? label : name;
}

// An attribute as the columns of every kind that records it see it.
struct merged_attribute {
  std::string name, label;
  lang::ast::type_kind type = lang::ast::type_kind::boolean;
  bool same_type = true;
  std::vector<std::string> choice_names, choice_labels;
  std::optional<decimal> min, max;
  bool min_exclusive = false, max_exclusive = false;
  bool bounded_alike = true;  // every kind gives the same bounds
  std::vector<std::string> required_by, optional_in;  // kind labels
  std::string type_text;
};

std::size_t width_of(const std::vector<std::string>& texts) {
  std::size_t widest = 0;
  for (const auto& t : texts) widest = std::max(widest, lang::display_width(t));
  return widest;
}

template_column date_column(const data_words& words, const lang::civil_date& first, const lang::civil_date& last) {
  column c;
  c.name = "date";
  c.header = words.date();
  c.type = column::input::date;
  c.required = true;
  c.note = i18n::tr("The day of the event, from {} to {}.", date_text(first), date_text(last));
  return c;
}

}  // namespace

template_outcome plan_template(const template_request& request) {
  template_outcome out;
  out.rubric = lang::load_rubric(request.rubric);
  if (!out.rubric.ok()) {
    out.outcome = template_outcome::status::rubric_errors;
    return out;
  }
  plan compiled = compile_plan(out.rubric);
  auto key = compiled.periods.parse(request.period);
  if (!key) {
    out.outcome = template_outcome::status::usage_error;
    out.message = i18n::tr("--period `{}` is not a period of this rubric: write it {}", request.period,
                           compiled.periods.format_hint());
    return out;
  }
  lang::civil_date first = compiled.periods.first_day(*key);
  lang::civil_date last = lang::date_of_day(compiled.periods.last_day_number(*key));
  auto index = compiled.version_for_period(*key);
  if (!index) {
    const auto& earliest = out.rubric.versions.front();
    out.outcome = template_outcome::status::usage_error;
    out.message = i18n::tr("no version of `{}` is in force on {}, the first day of {}: the earliest, \"{}\", takes effect on {}",
                           out.rubric.path, date_text(first), request.period, earliest.version_id(),
                           fmt::format("{:04}-{:02}-{:02}", earliest.effective().year, earliest.effective().month,
                                       earliest.effective().day));
    return out;
  }
  const lang::checked_version& version = out.rubric.versions[*index];

  roster people;
  if (!request.units.empty()) {
    people = load_roster(request.units, request.people, compiled.roles, out.findings, compiled.roster_columns);
    // The people roster is optional here (the score needs it, a template only offers its ids): the
    // one finding of a people roster not given, that it cannot be opened, is not an error.
    if (request.people.empty()) {
      std::erase_if(out.findings, [](const finding& f) { return f.file.empty(); });
    }
    if (!out.findings.empty()) {
      out.outcome = template_outcome::status::roster_errors;
      return out;
    }
  }

  template_layout layout;
  layout.version = version.version_id();
  const auto& e = version.effective();
  layout.effective = fmt::format("{:04}-{:02}-{:02}", e.year, e.month, e.day);
  layout.period = request.period;
  layout.first_day = first;
  layout.last_day = last;
  layout.description = lang::describe(version);
  data_words words{version.tree->written_in == lang::ast::surface::zh};

  // The kinds by the words a reader writes, and every column word the readers know.
  std::vector<term> kind_terms;
  for (const auto& k : version.symbols.kinds) kind_terms.push_back({k.name, k.decl && k.decl->title ? k.decl->title->text : ""});
  std::vector<std::string> kind_words;
  for (const auto& t : kind_terms) kind_words.push_back(word_for(t.name, t.label, kind_terms));
  auto kind_word = [&](const std::string& name) {
    for (std::size_t i = 0; i < kind_terms.size(); ++i) {
      if (kind_terms[i].name == name) return kind_words[i];
    }
    return name;
  };

  // The attributes of every kind, merged by name in order of first appearance: one column each.
  std::vector<merged_attribute> attributes;
  for (const auto& k : version.symbols.kinds) {
    std::string kind = kind_word(k.name);
    for (std::size_t i = 0; i < k.attributes.size(); ++i) {
      const lang::attribute_info& a = k.attributes[i];
      auto found = std::find_if(attributes.begin(), attributes.end(), [&](const auto& m) { return m.name == a.name; });
      if (found == attributes.end()) {
        merged_attribute m;
        m.name = a.name;
        m.label = a.label;
        m.type = a.type;
        m.min = a.min;
        m.max = a.max;
        m.min_exclusive = a.min_exclusive;
        m.max_exclusive = a.max_exclusive;
        attributes.push_back(std::move(m));
        found = attributes.end() - 1;
      } else {
        if (found->type != a.type) found->same_type = false;
        if (found->min != a.min || found->max != a.max || found->min_exclusive != a.min_exclusive ||
            found->max_exclusive != a.max_exclusive) {
          found->bounded_alike = false;
        }
      }
      // Choices: the union, in order; a choice's label when it names that choice alone.
      std::vector<term> choice_terms;
      for (std::size_t c = 0; c < a.choices.size(); ++c) {
        choice_terms.push_back({a.choices[c], c < a.choice_labels.size() ? a.choice_labels[c] : ""});
      }
      for (const auto& t : choice_terms) {
        if (std::find(found->choice_names.begin(), found->choice_names.end(), t.name) != found->choice_names.end()) continue;
        found->choice_names.push_back(t.name);
        found->choice_labels.push_back(word_for(t.name, t.label, choice_terms));
      }
      (a.required ? found->required_by : found->optional_in).push_back(kind);
    }
  }

  // The column headers: a label the readers take for this attribute alone, else the name.
  std::vector<term> column_terms;
  for (const auto& m : attributes) column_terms.push_back({m.name, m.label});
  for (const char* own : {"date", "unit", "kind"}) column_terms.push_back({own, ""});
  column_terms.push_back({"date", std::string(date_column_label)});
  column_terms.push_back({"unit", std::string(unit_column_label)});
  column_terms.push_back({"kind", std::string(kind_column_label)});

  layout.columns.push_back(date_column(words, first, last));
  {
    column c;
    c.name = "unit";
    c.header = words.unit();
    c.type = column::input::unit;
    c.required = true;
    c.list = people.units;
    c.note = c.list.empty() ? i18n::text("The unit's id, as on the unit roster.")
                            : i18n::text("The unit: choose it from the list (the unit roster).");
    layout.columns.push_back(std::move(c));
  }
  {
    column c;
    c.name = "kind";
    c.header = words.kind();
    c.type = column::input::kind;
    c.required = true;
    c.list = kind_words;
    c.note = i18n::text("What happened: choose the kind of event from the list; the sheet of what to record says which "
                        "columns it needs.");
    layout.columns.push_back(std::move(c));
  }
  for (const auto& m : attributes) {
    column c;
    c.name = m.name;
    c.header = word_for(m.name, m.label, column_terms);
    c.required = !m.required_by.empty();
    std::string what;
    if (!m.same_type) {
      c.type = column::input::text;
      what = i18n::text("its kinds record it differently: see the sheet of what to record");
    } else {
      switch (m.type) {
        case lang::ast::type_kind::choice:
          c.type = column::input::choice;
          c.list = m.choice_labels;
          what = i18n::tr("one of {}", fmt::join(m.choice_labels, i18n::text(", ")));
          break;
        case lang::ast::type_kind::boolean:
          c.type = column::input::yes_no;
          c.list = {words.yes(), words.no()};
          what = i18n::tr("{} or {}", words.yes(), words.no());
          break;
        case lang::ast::type_kind::person:
          c.type = column::input::person;
          for (const auto& p : people.people) {
            if (std::find(c.list.begin(), c.list.end(), p.id) == c.list.end()) c.list.push_back(p.id);
          }
          what = c.list.empty() ? i18n::text("a person's id, as on the people roster")
                                : i18n::text("a person: choose from the list (the people roster)");
          break;
        case lang::ast::type_kind::date:
          c.type = column::input::any_date;
          what = lang::type_words(m.type);
          break;
        case lang::ast::type_kind::integer:
        case lang::ast::type_kind::decimal:
          c.type = m.type == lang::ast::type_kind::integer ? column::input::integer : column::input::decimal;
          if (m.bounded_alike) {
            c.min = m.min;
            c.max = m.max;
            c.min_exclusive = m.min_exclusive;
            c.max_exclusive = m.max_exclusive;
          }
          {
            std::vector<std::string> parts{lang::type_words(m.type)};
            if (c.min) parts.push_back(c.min_exclusive ? i18n::tr("above {}", c.min->to_string()) : i18n::tr("at least {}", c.min->to_string()));
            if (c.max) parts.push_back(c.max_exclusive ? i18n::tr("below {}", c.max->to_string()) : i18n::tr("at most {}", c.max->to_string()));
            what = fmt::format("{}", fmt::join(parts, i18n::text_in("between clauses", ", ")));
          }
          break;
      }
    }
    std::vector<std::string> says{what};
    if (!m.required_by.empty()) {
      says.push_back(i18n::tr("required for {}", fmt::join(m.required_by, i18n::text(", "))));
    }
    if (!m.optional_in.empty()) {
      says.push_back(i18n::tr("may be left empty for {}", fmt::join(m.optional_in, i18n::text(", "))));
    }
    says.push_back(i18n::text("leave it empty for other kinds"));
    c.note = fmt::format("{}", fmt::join(says, i18n::text("; ")));
    layout.columns.push_back(std::move(c));
  }

  for (auto& c : layout.columns) {
    std::vector<std::string> texts = c.list;
    texts.push_back(c.header);
    if (c.type == column::input::date || c.type == column::input::any_date) texts.push_back("2024-01-01");
    // Room for the drop-down arrow; at least wide enough to type in, never wider than a screen.
    c.width = std::clamp<std::size_t>(width_of(texts) + 3, 8, 40);
  }
  out.layout = std::move(layout);
  return out;
}

// ---- the workbook ---------------------------------------------------------------------------

namespace {

// Excel's limits: an input message's title 32 characters and its text 255; a list written in the
// validation itself 255 characters. Counted in characters (UTF-8 sequences), as Excel counts.
constexpr std::size_t input_title_limit = 32, input_message_limit = 255, inline_list_limit = 255;

std::size_t characters_in(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string shortened(const std::string& text, std::size_t limit) {
  if (characters_in(text) <= limit) return text;
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++n > limit - 1) break;
    out += text[i];
  }
  return out + "…";
}

lxw_datetime excel_date(const lang::civil_date& d) {
  return {d.year, d.month, d.day, 0, 0, 0};
}

double as_double(const decimal& d) {
  // A bound for Excel's own check while typing; the engine checks the exact value when scoring.
  return std::strtod(d.to_string().c_str(), nullptr);
}

// libxlsxwriter reports by code; the words for a person who cannot fix the library.
std::string library_error(lxw_error code) { return lxw_strerror(code); }

class workbook_writer {
 public:
  workbook_writer(const template_layout& layout, const std::string& path) : layout_(layout) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    workbook_ = workbook_new_opt(path.c_str(), &options);
  }
  ~workbook_writer() {
    if (workbook_) workbook_close(workbook_);
  }

  // Lays every sheet out and closes the workbook; empty, or what failed.
  std::string write() {
    if (!workbook_) return i18n::text("the workbook could not be started");
    make_formats();
    events_ = workbook_add_worksheet(workbook_, i18n::text("events").c_str());
    rules_ = workbook_add_worksheet(workbook_, i18n::text("rules").c_str());
    kinds_ = workbook_add_worksheet(workbook_, i18n::text("what to record").c_str());
    if (!events_ || !rules_ || !kinds_) return i18n::text("the workbook's sheets could not be made");
    properties();
    if (auto why = events_sheet(); !why.empty()) return why;
    rules_sheet();
    kinds_sheet();
    worksheet_activate(events_);
    lxw_error closed = workbook_close(workbook_);
    workbook_ = nullptr;
    return closed == LXW_NO_ERROR ? std::string() : library_error(closed);
  }

 private:
  const template_layout& layout_;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet *events_ = nullptr, *rules_ = nullptr, *kinds_ = nullptr, *lists_ = nullptr;
  lxw_format *header_ = nullptr, *required_header_ = nullptr, *date_ = nullptr, *text_ = nullptr, *wrap_ = nullptr,
             *title_ = nullptr, *bold_wrap_ = nullptr;
  int list_columns_ = 0;
  std::vector<std::string> kept_;  // strings whose pointers libxlsxwriter holds until it writes

  void make_formats() {
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xD9D9D9);
    format_set_border(header_, LXW_BORDER_THIN);
    required_header_ = workbook_add_format(workbook_);
    format_set_bold(required_header_);
    format_set_bg_color(required_header_, 0xFCD5B4);
    format_set_border(required_header_, LXW_BORDER_THIN);
    date_ = workbook_add_format(workbook_);
    format_set_num_format(date_, "yyyy-mm-dd");
    // Ids like 1-1 stay text: Excel would otherwise read them as dates.
    text_ = workbook_add_format(workbook_);
    format_set_num_format(text_, "@");
    wrap_ = workbook_add_format(workbook_);
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    bold_wrap_ = workbook_add_format(workbook_);
    format_set_bold(bold_wrap_);
    format_set_text_wrap(bold_wrap_);
    format_set_align(bold_wrap_, LXW_ALIGN_VERTICAL_TOP);
    title_ = workbook_add_format(workbook_);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
  }

  void properties() {
    const auto& d = layout_.description;
    kept_.push_back(i18n::tr("{}: recording template for {}", d.title, layout_.period));
    kept_.push_back(i18n::tr("version {}, in force from {}", layout_.version, layout_.effective));
    lxw_doc_properties p{};
    kept_.push_back("rubric template");
    p.title = kept_[kept_.size() - 3].data();
    p.subject = kept_[kept_.size() - 2].data();
    p.comments = kept_.back().data();
    // Stamped with the period's first day rather than the time of writing: the same rubric,
    // period and rosters give a byte-identical workbook.
    std::tm first{};
    first.tm_year = layout_.first_day.year - 1900;
    first.tm_mon = layout_.first_day.month - 1;
    first.tm_mday = layout_.first_day.day;
    p.created = ::timegm(&first);
    workbook_set_properties(workbook_, &p);
  }

  // A list for a validation: inline when Excel allows it, else a range of the hidden lists sheet.
  // Returns the formula for a range, or empty when inline will do.
  std::string list_formula(const std::vector<std::string>& values) {
    std::size_t length = values.empty() ? 0 : values.size() - 1;
    bool plain = true;
    for (const auto& v : values) {
      length += characters_in(v);
      if (v.find(',') != std::string::npos || v.find('"') != std::string::npos) plain = false;
    }
    if (plain && length <= inline_list_limit) return {};
    std::string sheet = i18n::text("lists");
    if (!lists_) {
      lists_ = workbook_add_worksheet(workbook_, sheet.c_str());
      worksheet_hide(lists_);
    }
    int col = list_columns_++;
    for (std::size_t r = 0; r < values.size(); ++r) {
      worksheet_write_string(lists_, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(col), values[r].c_str(), text_);
    }
    char letters[8];
    lxw_col_to_name(letters, static_cast<lxw_col_t>(col), LXW_FALSE);
    return fmt::format("='{}'!${}$1:${}${}", sheet, letters, letters, values.size());
  }

  std::string events_sheet() {
    const auto& columns = layout_.columns;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const template_column& c = columns[i];
      auto col = static_cast<lxw_col_t>(i);
      lxw_format* cells = c.type == column::input::date || c.type == column::input::any_date ? date_
                          : c.type == column::input::integer || c.type == column::input::decimal ? nullptr
                                                                                                  : text_;
      worksheet_set_column(events_, col, col, static_cast<double>(c.width), cells);
      worksheet_write_string(events_, 0, col, c.header.c_str(), c.required ? required_header_ : header_);
      if (auto why = validation(c, col); !why.empty()) return why;
    }
    worksheet_freeze_panes(events_, 1, 0);
    return {};
  }

  std::string validation(const template_column& c, lxw_col_t col) {
    lxw_data_validation v{};
    v.ignore_blank = LXW_VALIDATION_ON;
    v.show_input = LXW_VALIDATION_ON;
    v.show_error = LXW_VALIDATION_ON;
    v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    std::string title = shortened(c.required ? i18n::tr("{} (required)", c.header) : c.header, input_title_limit);
    std::string message = shortened(c.note, input_message_limit);
    v.input_title = const_cast<char*>(title.c_str());
    v.input_message = const_cast<char*>(message.c_str());
    std::string error_title = shortened(i18n::tr("Not a value for {}", c.header), input_title_limit);
    std::string error_message = shortened(c.note, input_message_limit);
    v.error_title = const_cast<char*>(error_title.c_str());
    v.error_message = const_cast<char*>(error_message.c_str());
    std::vector<char*> list;
    std::string formula;
    switch (c.type) {
      case column::input::date:
        v.validate = LXW_VALIDATION_TYPE_DATE;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_datetime = excel_date(layout_.first_day);
        v.maximum_datetime = excel_date(layout_.last_day);
        break;
      case column::input::any_date:
        v.validate = LXW_VALIDATION_TYPE_DATE;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_datetime = {1900, 1, 1, 0, 0, 0};
        v.maximum_datetime = {9999, 12, 31, 0, 0, 0};
        break;
      case column::input::integer:
      case column::input::decimal: {
        bool whole = c.type == column::input::integer;
        v.validate = whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
        // A whole number's exclusive bound is the next whole number's inclusive one.
        std::optional<double> low = c.min ? std::optional<double>(as_double(*c.min) + (whole && c.min_exclusive ? 1 : 0)) : std::nullopt;
        std::optional<double> high = c.max ? std::optional<double>(as_double(*c.max) - (whole && c.max_exclusive ? 1 : 0)) : std::nullopt;
        bool low_open = !whole && c.min_exclusive, high_open = !whole && c.max_exclusive;
        if (low && high) {
          // Excel has no half-open range; the engine refuses an excluded end when scoring.
          v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
          v.minimum_number = *low;
          v.maximum_number = *high;
        } else if (low) {
          v.criteria = low_open ? LXW_VALIDATION_CRITERIA_GREATER_THAN : LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
          v.value_number = *low;
        } else if (high) {
          v.criteria = high_open ? LXW_VALIDATION_CRITERIA_LESS_THAN : LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
          v.value_number = *high;
        } else if (whole) {
          v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;  // any whole number
          v.minimum_number = -1e12;
          v.maximum_number = 1e12;
        } else {
          v.validate = LXW_VALIDATION_TYPE_ANY;
        }
        break;
      }
      case column::input::unit:
      case column::input::kind:
      case column::input::person:
      case column::input::choice:
      case column::input::yes_no:
        if (c.list.empty()) {
          v.validate = LXW_VALIDATION_TYPE_ANY;
          break;
        }
        formula = list_formula(c.list);
        if (formula.empty()) {
          v.validate = LXW_VALIDATION_TYPE_LIST;
          for (const auto& value : c.list) list.push_back(const_cast<char*>(value.c_str()));
          list.push_back(nullptr);
          v.value_list = list.data();
        } else {
          v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
          v.value_formula = const_cast<char*>(formula.c_str());
        }
        break;
      case column::input::text:
        v.validate = LXW_VALIDATION_TYPE_ANY;
        break;
    }
    lxw_error e = worksheet_data_validation_range(events_, 1, col, template_rows, col, &v);
    if (e != LXW_NO_ERROR) return i18n::tr("the checks of column `{}` could not be written: {}", c.header, library_error(e));
    return {};
  }

  void write_row(lxw_worksheet* sheet, lxw_row_t row, const std::vector<std::string>& cells, lxw_format* format) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      worksheet_write_string(sheet, row, static_cast<lxw_col_t>(i), cells[i].c_str(), format);
    }
  }

  void rules_sheet() {
    const auto& d = layout_.description;
    worksheet_set_column(rules_, 0, 0, 16, wrap_);
    worksheet_set_column(rules_, 1, 1, 20, wrap_);
    worksheet_set_column(rules_, 2, 2, 40, wrap_);
    worksheet_set_column(rules_, 3, 3, 24, wrap_);
    worksheet_set_column(rules_, 4, 4, 36, wrap_);
    lxw_row_t row = 0;
    worksheet_write_string(rules_, row++, 0, d.title.c_str(), title_);
    std::string version = i18n::tr("version {}, in force from {}; this workbook is for {} ({} to {})", layout_.version,
                                   layout_.effective, layout_.period, date_text(layout_.first_day),
                                   date_text(layout_.last_day));
    worksheet_write_string(rules_, row++, 0, version.c_str(), nullptr);
    if (!d.scoring.empty()) worksheet_write_string(rules_, row++, 0, d.scoring.c_str(), nullptr);
    ++row;
    write_row(rules_, row++, {i18n::text("area"), i18n::text("rule"), i18n::text("points"), i18n::text("caps and limits"),
                              i18n::text("exemptions")},
              header_);
    worksheet_freeze_panes(rules_, row, 0);
    for (const auto& a : d.areas) {
      for (const auto& r : d.rules) {
        if (r.area_id != a.id) continue;
        std::vector<std::string> limits = r.caps;
        limits.insert(limits.end(), r.limits.begin(), r.limits.end());
        std::vector<std::string> exemptions;
        for (const auto& x : r.exemptions) exemptions.push_back(x.sentence);
        std::string points = r.condition.empty() ? r.amount : i18n::tr("{} (only where {})", r.amount, r.condition);
        write_row(rules_, row++,
                  {a.sentence, r.label, points, fmt::format("{}", fmt::join(limits, "\n")),
                   fmt::format("{}", fmt::join(exemptions, "\n"))},
                  wrap_);
      }
    }
    auto section = [&](const std::string& heading, const std::vector<std::string>& items) {
      if (items.empty()) return;
      ++row;
      worksheet_write_string(rules_, row++, 0, heading.c_str(), bold_wrap_);
      for (const auto& item : items) {
        worksheet_merge_range(rules_, row, 0, row, 4, item.c_str(), wrap_);
        ++row;
      }
    };
    if (!d.vetoes.empty()) {
      ++row;
      worksheet_write_string(rules_, row++, 0, i18n::text("Vetoes:").c_str(), bold_wrap_);
      write_row(rules_, row++, {i18n::text("veto"), i18n::text("when"), i18n::text("effect")}, header_);
      for (const auto& v : d.vetoes) {
        std::string when = lang::veto_trigger(v.kind, v.condition);
        write_row(rules_, row++, {v.label, when, fmt::format("{}", fmt::join(v.effects, "\n"))}, wrap_);
      }
    }
    section(i18n::text("Grades:"), d.grades);
    section(i18n::text("Ranking:"), d.ranking);
    section(i18n::text("Awards:"), d.awards);
    if (!d.role_subsidy.empty()) section(i18n::text("Role-holder subsidy:"), {d.role_subsidy});
  }

  void kinds_sheet() {
    const auto& d = layout_.description;
    worksheet_set_column(kinds_, 0, 0, 16, wrap_);
    worksheet_set_column(kinds_, 1, 1, 14, wrap_);
    worksheet_set_column(kinds_, 2, 2, 40, wrap_);
    worksheet_set_column(kinds_, 3, 3, 24, wrap_);
    worksheet_set_column(kinds_, 4, 4, 30, wrap_);
    lxw_row_t row = 0;
    write_row(kinds_, row++, {i18n::text("kind of event"), i18n::text("column"), i18n::text("what to write"),
                              i18n::text("required?"), i18n::text("counted by")},
              header_);
    worksheet_freeze_panes(kinds_, 1, 0);
    for (const auto& k : d.kinds) {
      std::vector<std::string> counted = k.rules;
      counted.insert(counted.end(), k.vetoes.begin(), k.vetoes.end());
      std::string counted_by = fmt::format("{}", fmt::join(counted, "\n"));
      if (k.attributes.empty()) {
        write_row(kinds_, row++, {k.label, "", i18n::text("the date and the unit only"), "", counted_by}, wrap_);
        continue;
      }
      bool first = true;
      for (const auto& a : k.attributes) {
        write_row(kinds_, row++, {first ? k.label : "", a.label, a.type_text, a.need, first ? counted_by : ""}, wrap_);
        first = false;
      }
    }
  }
};

}  // namespace

std::string write_template(const template_layout& layout, const std::string& path, bool replace) {
  // The temporary file beside the target, so that the rename is within one file system.
  std::string folder = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/') + 1);
  if (folder.empty()) folder = "/";
  std::string temporary = (folder == "." ? std::string("./") : folder) + ".rubric-template-XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) return i18n::tr("cannot write in the folder `{}`: {}", folder, std::strerror(errno));
  ::close(fd);
  std::string failed = workbook_writer(layout, temporary).write();
  if (failed.empty()) {
    // The permissions a new file gets (mkstemp made it private).
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(temporary.c_str(), 0666 & ~mask);
    if (replace) {
      if (::rename(temporary.c_str(), path.c_str()) != 0) failed = std::strerror(errno);
    } else if (::link(temporary.c_str(), path.c_str()) != 0) {
      // link, unlike rename, never replaces: a file made meanwhile is kept.
      failed = errno == EEXIST ? i18n::text("it already exists (--force replaces it)") : std::strerror(errno);
    }
  }
  ::unlink(temporary.c_str());  // after link, or on failure; after rename it is gone already
  if (!failed.empty()) return i18n::tr("cannot write `{}`: {}", path, failed);
  return {};
}

}  // namespace rubric::engine
