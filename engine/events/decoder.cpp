#include "engine/events/decoder.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "engine/events/vocabulary.hpp"
#include "engine/string_map.hpp"
#include "lang/i18n.hpp"
#include "lang/time_of_day.hpp"

namespace rubric::engine {

namespace {

std::string number_advice(std::string_view text) {
  if (has_fullwidth_digits(text)) return i18n::tr("full-width digits ({}) are not accepted; write ASCII digits (12)", "１２");
  if (text.find(',') != std::string_view::npos) return i18n::text("thousands separators are not accepted; write 1000, not 1,000");
  return i18n::text("write a plain number like 2 or 1.5");
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

// An attribute as a message names it: `item` (物品).
std::string attribute_text(const attribute_plan& attribute) { return term_text({attribute.name, attribute.label}); }

}  // namespace

event_decoder::event_decoder(const plan& p, const roster& r, std::vector<std::string> columns)
    : plan_(p), roster_(r), columns_(std::move(columns)) {
  first_period_ = plan_.versions.front().effective_period;
  for (int m = first_period_; m < first_period_ + 1200; ++m) version_by_period_.push_back(*plan_.version_for_period(m));
  for (const auto& v : plan_.versions) {
    std::vector<kind_layout> kinds;
    for (const auto& k : v.kinds) {
      kind_layout layout;
      layout.attribute_of_column.assign(columns_.size(), -1);
      layout.column_of_attribute.assign(k.attributes.size(), -1);
      for (std::size_t c = 0; c < columns_.size(); ++c) {
        if (auto a = k.attribute_index(columns_[c])) {
          layout.attribute_of_column[c] = static_cast<std::int16_t>(*a);
          layout.column_of_attribute[*a] = static_cast<std::int16_t>(c);
          if (k.attributes[*a].type == lang::ast::type_kind::person &&
              std::find(person_columns_.begin(), person_columns_.end(), c) == person_columns_.end()) {
            person_columns_.push_back(c);
          }
        }
      }
      kinds.push_back(std::move(layout));
    }
    layouts_.push_back(std::move(kinds));
    std::vector<packed_name> names;
    for (const auto& k : v.kinds) names.push_back(pack_name(k.name));
    kind_names_.push_back(std::move(names));
  }
}

event_decoder::packed_name event_decoder::pack_name(std::string_view text) {
  packed_name name;
  name.size = static_cast<std::uint32_t>(text.size());
  for (std::size_t i = 0; i < std::min<std::size_t>(text.size(), 8); ++i) {
    name.head |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[i])) << (8 * i);
  }
  return name;
}

namespace {

// Inlined into the hot path of reading events; decode_plain_value() is its exported name.
[[gnu::always_inline]] inline bool decode_value_of(const attribute_plan& attribute, std::string_view text,
                                                   std::int64_t& value, std::string& message) {
  using lang::ast::type_kind;
  switch (attribute.type) {
    case type_kind::date: {
      int year, month, day;
      std::string why;
      if (!parse_date(text, year, month, day, why)) {
        message = i18n::tr("{}: {}", attribute_text(attribute), why);
        return false;
      }
      value = lang::day_number(year, month, day);
      return true;
    }
    case type_kind::boolean:
      if (iequals(text, "true") || text == yes_word) value = 1;
      else if (iequals(text, "false") || text == no_word) value = 0;
      else {
        message = i18n::tr("{} must be true or false ({} or {}), not `{}`", attribute_text(attribute), yes_word, no_word, text);
        return false;
      }
      return true;
    case type_kind::integer:
    case type_kind::decimal: {
      auto number = decimal::parse(text);
      if (!number) {
        message = i18n::tr("{} must be a number, not `{}`: {}", attribute_text(attribute), text, number_advice(text));
        return false;
      }
      if (attribute.type == type_kind::integer && !number->is_integer()) {
        message = i18n::tr("{} must be a whole number, not `{}`", attribute_text(attribute), text);
        return false;
      }
      value = number->units();
      bool below = attribute.min && (attribute.min_exclusive ? value <= *attribute.min : value < *attribute.min);
      bool above = attribute.max && (attribute.max_exclusive ? value >= *attribute.max : value > *attribute.max);
      if (below || above) {
        std::string bounds;
        std::string low = attribute.min ? decimal::from_units(*attribute.min).to_string() : std::string();
        std::string high = attribute.max ? decimal::from_units(*attribute.max).to_string() : std::string();
        if (attribute.min) bounds = attribute.min_exclusive ? i18n::tr("above {}", low) : i18n::tr("at least {}", low);
        if (attribute.max) {
          std::string upper = attribute.max_exclusive ? i18n::tr("below {}", high) : i18n::tr("at most {}", high);
          bounds = bounds.empty() ? upper : i18n::tr("{} and {}", bounds, upper);
        }
        message = i18n::tr("{} is {}, but must be {}", attribute_text(attribute), text, bounds);
        return false;
      }
      return true;
    }
    case type_kind::choice:
      // Names first: a file written with names reads as fast as before labels existed.
      if (!attribute.ambiguous_choices.empty() &&
          std::binary_search(attribute.ambiguous_choices.begin(), attribute.ambiguous_choices.end(), text)) {
        auto terms = attribute.choice_terms();
        message = i18n::tr("{}: {}", attribute_text(attribute), ambiguity_text(text, names_for(text, terms), terms));
        return false;
      }
      for (std::size_t i = 0; i < attribute.choices.size(); ++i) {
        if (same_text(attribute.choices[i], text)) {
          value = static_cast<std::int64_t>(i);
          return true;
        }
      }
      for (std::size_t i = 0; i < attribute.choice_labels.size(); ++i) {
        if (!attribute.choice_labels[i].empty() && same_text(attribute.choice_labels[i], text)) {
          value = static_cast<std::int64_t>(i);
          return true;
        }
      }
      {
        auto terms = attribute.choice_terms();
        message = i18n::tr("`{}` is not a choice of {}; the choices are: {}{}", text, attribute_text(attribute),
                           terms_text(terms), did_you_mean(text, terms));
      }
      return false;
    case type_kind::person:
      message = i18n::tr("{} cannot hold a person here", attribute_text(attribute));
      return false;
  }
  return false;
}

enum class date_time { ok, bad_date, bad_time };

// `2024-10-06 23:15`, `2024-10-06T23:15:30`, `2024年10月6日 23:15`: a date, a blank or `T`, a time.
date_time split_date_time(std::string_view text, int& year, int& month, int& day, int& second_of_day,
                          std::string& message) {
  std::size_t gap = text.find_first_of(" T");
  if (gap == std::string_view::npos) return date_time::bad_date;  // `message` already says why
  std::string date_message;
  if (!parse_date(text.substr(0, gap), year, month, day, date_message)) return date_time::bad_date;
  std::string_view time = text.substr(gap + 1);
  while (!time.empty() && time.front() == ' ') time.remove_prefix(1);
  auto clock = lang::parse_clock(time, true);
  if (!clock) {
    message = i18n::tr("the time after the date, `{}`, is not a time of day: write it HH:MM from 00:00 to 23:59, "
                       "like 2024-10-06 23:15", time);
    return date_time::bad_time;
  }
  second_of_day = *clock;
  return date_time::ok;
}

}  // namespace

bool decode_plain_value(const attribute_plan& attribute, std::string_view text, std::int64_t& value,
                        std::string& message) {
  return decode_value_of(attribute, text, value, message);
}

bool event_decoder::decode_value(const attribute_plan& attribute, std::string_view text, std::int64_t& value,
                                 std::string& message) const {
  if (attribute.type != lang::ast::type_kind::person) return decode_value_of(attribute, text, value, message);
  if (auto person = roster_.person_index(text)) {
    value = *person;
    return true;
  }
  message = i18n::tr("person `{}` is not on the people roster", text);
  return false;
}

std::optional<std::uint32_t> event_decoder::version_for(int month) const {
  if (month < first_period_) return std::nullopt;
  auto offset = static_cast<std::size_t>(month - first_period_);
  return offset < version_by_period_.size() ? version_by_period_[offset] : plan_.version_for_period(month);
}

// A version has a handful of kinds: comparing them beats hashing the name. Names first, then
// labels; a word that means two kinds is found by neither (decode() says why).
std::optional<std::uint32_t> event_decoder::kind_for(const version_plan& v, std::string_view kind) const {
  if (!v.ambiguous_kinds.empty() && std::binary_search(v.ambiguous_kinds.begin(), v.ambiguous_kinds.end(), kind)) {
    return std::nullopt;
  }
  // Length and first eight bytes as two integer compares; the rest (rarely more) byte by byte.
  const packed_name wanted = pack_name(kind);
  const auto& names = kind_names_[static_cast<std::size_t>(&v - plan_.versions.data())];
  for (std::uint32_t k = 0; k < names.size(); ++k) {
    if (names[k].size == wanted.size && names[k].head == wanted.head &&
        (wanted.size <= 8 || same_text(std::string_view(v.kinds[k].name).substr(8), kind.substr(8)))) {
      return k;
    }
  }
  for (std::uint32_t k = 0; k < v.kinds.size(); ++k) {
    if (!v.kinds[k].title.empty() && same_text(v.kinds[k].title, kind)) return k;
  }
  return std::nullopt;
}

event_decoder::outcome event_decoder::decode(std::string_view date, std::string_view unit, std::string_view kind,
                                             const cell* cells, decoded_event& out, decode_problem& problem,
                                             date_memo* dates) const {
  bool known = false;
  int second_of_day = -1;  // a date with a time is longer than any text the memo keeps
  date_memo::entry* memo = dates ? dates->find(date, known) : nullptr;
  if (known) {
    out.year = memo->year;
    out.month = memo->month;
    out.day = memo->day;
    out.period = memo->period;
    out.version = memo->version;
  } else {
    int year, month;
    if (!parse_date(date, year, month, out.day, problem.message)) {
      // A time after the date is read only when the date alone does not parse, so that rows without
      // one cost nothing more; a time that cannot be read is refused whether a rule reads it or not.
      auto split = split_date_time(date, year, month, out.day, second_of_day, problem.message);
      if (split != date_time::ok) {
        problem.code = split == date_time::bad_time ? finding_code::bad_time : finding_code::bad_date;
        problem.field = decode_problem::field_date;
        return outcome::rejected;
      }
    }
    out.year = year;
    out.month = month;
    out.period = plan_.periods.period_of(year, month, out.day);
    auto version = version_for(out.period);
    if (!version) {
      problem.code = finding_code::not_scored;
      problem.field = decode_problem::field_date;
      problem.message = i18n::tr("the event on {} is before the first version takes effect ({}); it is not scored",
                                 date, plan_.versions.front().id);
      return outcome::not_scored;
    }
    out.version = *version;
    if (memo && second_of_day < 0) {
      memo->year = out.year;
      memo->month = out.month;
      memo->day = out.day;
      memo->period = out.period;
      memo->version = out.version;
      dates->keep(*memo);
    }
  }
  const version_plan& v = plan_.versions[out.version];

  auto unit_index = roster_.unit_index(unit);
  if (!unit_index) {
    problem.code = finding_code::unknown_unit;
    problem.field = decode_problem::field_unit;
    problem.message = unit.empty() ? i18n::text("the unit is empty") : i18n::tr("unit `{}` is not on the unit roster", unit);
    return outcome::rejected;
  }
  out.unit = *unit_index;

  auto kind_index = kind_for(v, kind);
  if (!kind_index) {
    problem.code = finding_code::unknown_kind;
    problem.field = decode_problem::field_kind;
    auto terms = v.kind_terms();
    auto meanings = names_for(kind, terms);
    problem.message = meanings.size() > 1
                          ? i18n::tr("event kind: {}", ambiguity_text(kind, meanings, terms))
                          : i18n::tr("`{}` is not an event kind of version {}, in force on {}; its kinds are: {}{}", kind,
                                     v.id, date, terms_text(terms), did_you_mean(kind, terms));
    return outcome::rejected;
  }
  out.kind = *kind_index;
  const kind_plan& k = v.kinds[*kind_index];
  const kind_layout& layout = layouts_[out.version][*kind_index];
  if (plan_.reads_dates) {
    if (k.reads_time && second_of_day < 0) {
      problem.code = finding_code::missing_time;
      problem.field = decode_problem::field_date;
      problem.message = i18n::tr("the rubric's conditions test the time of day of {} events, but the date `{}` gives "
                                 "no time: write the date and the time, like 2024-10-06 23:15",
                                 term_text({k.name, k.title}), date);
      return outcome::rejected;
    }
    out.values.day = out.day_number();
    out.values.second_of_day = second_of_day;
  }

  out.values.present = 0;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (!cells[c].present) continue;
    int attribute = layout.attribute_of_column[c];
    if (attribute < 0) {
      problem.code = finding_code::foreign_attribute;
      problem.field = static_cast<int>(c);
      problem.message = i18n::tr("`{}` has a value, but {} events have no attribute `{}`", columns_[c],
                                 term_text({k.name, k.title}), columns_[c]);
      return outcome::rejected;
    }
    if (!decode_value(k.attributes[static_cast<std::size_t>(attribute)], cells[c].text,
                      out.values.values[attribute], problem.message)) {
      problem.code = k.attributes[static_cast<std::size_t>(attribute)].type == lang::ast::type_kind::person
                         ? finding_code::unknown_person
                         : finding_code::bad_value;
      problem.field = static_cast<int>(c);
      return outcome::rejected;
    }
    out.values.present |= std::uint64_t{1} << attribute;
  }
  for (std::size_t a = 0; a < k.attributes.size(); ++a) {
    if ((out.values.present >> a) & 1) continue;
    const attribute_plan& attribute = k.attributes[a];
    if (attribute.default_value) {
      out.values.values[a] = *attribute.default_value;
      out.values.present |= std::uint64_t{1} << a;
    } else if (attribute.required) {
      problem.code = finding_code::missing_attribute;
      problem.field = layout.column_of_attribute[a] >= 0 ? layout.column_of_attribute[a] : decode_problem::field_kind;
      problem.message = i18n::tr("{} events need {}, but it is empty", term_text({k.name, k.title}),
                                 attribute_text(attribute));
      return outcome::rejected;
    }
  }
  // An amount the inspectors record must lie in the range its rule allows; a violation cannot
  // end before it began.
  if (!k.bounded_rules) return outcome::event;
  for (std::uint32_t r : k.rules) {
    const rule_plan& rule = v.rules[r];
    if (rule.form == rule_form::daily && ((out.values.present >> rule.until_attribute) & 1) &&
        out.values.values[rule.until_attribute] < out.day_number()) {
      const auto column = layout.column_of_attribute[static_cast<std::size_t>(rule.until_attribute)];
      problem.code = finding_code::bad_value;
      problem.field = column >= 0 ? column : decode_problem::field_kind;
      problem.message = i18n::tr("{} is {}, before the event's date {}: a violation ends after it begins",
                                 attribute_text(k.attributes[static_cast<std::size_t>(rule.until_attribute)]),
                                    lang::date_text(static_cast<int>(out.values.values[rule.until_attribute])),
                                    lang::date_text(out.day_number()));
      return outcome::rejected;
    }
    if (rule.form != rule_form::recorded || !rule.filter.holds(out.values)) continue;
    std::int64_t amount = out.values.values[rule.value_attribute];
    if (amount >= rule.low && amount <= rule.high) continue;
    const attribute_plan& attribute = k.attributes[static_cast<std::size_t>(rule.value_attribute)];
    problem.code = finding_code::amount_out_of_range;
    const auto column = layout.column_of_attribute[static_cast<std::size_t>(rule.value_attribute)];
    problem.field = column >= 0 ? column : decode_problem::field_kind;
    problem.message = i18n::tr("{} is {}, but rule `{}` takes an amount from {} to {}", attribute_text(attribute),
                               decimal::from_units(amount).to_string(), rule.id,
                               decimal::from_units(rule.low).to_string(), decimal::from_units(rule.high).to_string());
    return outcome::rejected;
  }
  return outcome::event;
}

}  // namespace rubric::engine
