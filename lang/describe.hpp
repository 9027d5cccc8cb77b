// A checked version stated in plain words, for a person who does not read rubric syntax: each
// rule as one sentence ("楼道杂物：每次扣 2 分，每月最多扣 10 分；轮椅、婴儿车不算"), each kind of
// event with what to record, the vetoes, grades, ranking and awards. Everything is in the current
// message language (lang/i18n.hpp) and names things by their labels (a name only where the
// rubric gives no label). The parts of each sentence are kept beside it, so that a workbook (the
// recording template) and a web page (the rubric in force) can lay them out as they need.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lang/ast.hpp"
#include "lang/check/checked.hpp"
#include "lang/decimal.hpp"

namespace rubric::lang {

// An exemption: the events it spares, in words, and the rubric's own reason.
struct described_exemption {
  std::string reason;     // as the rubric writes it: "轮椅、婴儿车属生活必需品"
  std::string condition;  // "物品为轮椅或婴儿车"
  std::string sentence;   // "轮椅、婴儿车不算（轮椅、婴儿车属生活必需品）"
};

struct described_rule {
  std::string id;          // the rule's name, for links and tests; never shown
  std::string area_id;     // the area's name, to group rules under their area
  std::string area;        // the area's label
  std::string label;       // the rule's label
  std::string kind;        // the label of the kind of event it counts
  std::string condition;   // which of those events it counts, in words; empty for all of them
  std::string amount;      // what they are worth: "每次扣 2 分，乘以数量"
  std::vector<std::string> caps;        // "每月最多扣 10 分"
  std::vector<std::string> limits;      // "每年只计一次"
  std::vector<described_exemption> exemptions;
  bool deducts = false;    // every amount it can give is negative (a deduction rule)
  std::string sentence;    // the whole: "楼道杂物：每次扣 2 分，每月最多扣 10 分；轮椅、婴儿车不算"
};

struct described_veto {
  std::string id;
  std::string label;                 // its reason, the rubric's label
  std::string kind;                  // the label of the kind that triggers it
  std::string condition;             // which of those events, in words; empty for any
  std::vector<std::string> effects;  // "当月不得评为“流动红旗”"
  std::string sentence;
};

struct described_area {
  std::string id;
  std::string label;
  std::optional<decimal> budget;  // `worth N`
  std::string sentence;           // "环境卫生" or "停车与秩序：满分 30 分，扣完为止"
};

// One attribute of a kind of event: a column of the events sheet.
struct described_attribute {
  std::string name;   // the attribute's name, which data files may use
  std::string label;  // its label, or the name when it has none
  ast::type_kind type = ast::type_kind::boolean;
  std::string type_text;                    // "整数，至少 1" / "whole number, at least 1"
  std::vector<std::string> choice_names;    // choice: in declared order
  std::vector<std::string> choice_labels;   // beside them: the label, or the name when none
  std::optional<decimal> min, max;          // numeric bounds
  bool min_exclusive = false, max_exclusive = false;
  bool required = true;                     // no default and not optional
  std::string default_text;                 // the default as a reader writes it; empty when none
  std::string need;                         // "必填", "可不填（默认 1）"
  std::string sentence;                     // "物品：轮椅、婴儿车、…之一，必填"
};

struct described_kind {
  std::string name;
  std::string label;  // its label, or the name when it has none
  std::vector<described_attribute> attributes;
  std::vector<std::string> rules;   // the labels of the rules that count it (and of the role subsidy)
  std::vector<std::string> vetoes;  // the labels of the vetoes it can trigger
  std::string sentence;             // "楼道杂物：登记物品（必填）、数量（可不填，默认 1）"
};

struct version_description {
  std::string title;       // the rubric's title
  std::string version;     // the version id
  std::string effective;   // "2023-09-01"
  std::string scoring;     // "每个单元每月评分一次，基础分 100 分"
  std::vector<described_area> areas;
  std::vector<described_rule> rules;  // in the rubric's order
  std::vector<described_veto> vetoes;
  std::vector<std::string> grades;    // "优秀：至少 90 分", ..., "不合格：其余"
  std::vector<std::string> ranking;   // one sentence per clause: order, ties, filters, distinctions
  std::vector<std::string> awards;
  std::string role_subsidy;           // empty when the version has none
  std::vector<described_kind> kinds;
};

// The whole version, in the current message language.
version_description describe(const checked_version& version);

// The same as plain text, one item a line under headings: what `rubric template --text` prints.
std::string describe_text(const version_description& d);

// What sets a veto off: "有飞线充电的" / "a unit with any 飞线充电 recorded".
std::string veto_trigger(const std::string& kind, const std::string& condition);

// A type's name in words, for one attribute: "整数" / "whole number".
std::string type_words(ast::type_kind type);
// yes/no as a reader writes it in a data file, in the current language: "是"/"否" or "yes"/"no".
std::string yes_no_word(bool value);

}  // namespace rubric::lang
