// The editing core: what an editor needs to know about one rubric text held in memory, shared by
// the language server (`rubric lsp`, cli/cmd_lsp.cpp) and the workbench (`rubric serve`). It never
// touches the file system and never speaks a protocol: callers pass text in and get values out.
//
//   analysis a = analyse({.path = "/r/2023-09.rubric", .text = text, .siblings = others});
//   a.diagnostics            every problem of this file, with byte spans and UTF-16 ranges
//   a.symbols, a.references  every declaration (kind, attribute, roster column, choice, area,
//                            role, rule, veto, distinction, grade) and every reference to one,
//                            by name or (Chinese surface) by label
//   symbol_at(a, offset)     the declaration under the cursor (on it or on a reference)
//   hover(a, offset)         a rule, kind, attribute, area, veto … in plain words (lang/describe)
//   complete(a, offset)      candidates in context: after `each `/`每次` the kinds, after `in`/
//                            `属于` the areas, the attributes of the kind in scope, the choices of
//                            an attribute after `is`/`为`, distinctions; else the surface's keywords
//   formatted(a)             the canonical layout in the file's own surface (lang/format.hpp)
//   rename(a, offset, name)  the edits, or why not (a reserved word, a name already declared)
//
// Positions: the project counts bytes (lang/source.hpp); LSP counts UTF-16 code units from 0.
// `text_positions` converts both ways; every span below is bytes, every `range` UTF-16.
//
// Messages (diagnostics, hover, errors) are made in the language of `options::messages`, or, when
// it is not given, in the rubric's own (Chinese for a Chinese rubric, as `rubric publish` decides);
// the global choice (lang/i18n.hpp) is restored before `analyse` and the queries return. Not
// thread-safe for that reason: one analysis at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/ast.hpp"
#include "lang/check/checked.hpp"
#include "lang/i18n.hpp"
#include "lang/source.hpp"

namespace rubric::lang::workspace {

// LSP's position: 0-based line, 0-based character in UTF-16 code units.
struct position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  friend bool operator==(const position&, const position&) = default;
};
struct range {
  position start, end;
  friend bool operator==(const range&, const range&) = default;
};

// Converts between byte offsets and UTF-16 positions for one text. Lines end at `\n` (a `\r`
// before it belongs to the line, as LSP counts). Out-of-range positions are clamped to the line's
// end or the text's end, as LSP asks.
class text_positions {
 public:
  explicit text_positions(std::string_view text);
  position at(std::uint32_t offset) const;
  range of(span bytes) const { return {at(bytes.begin), at(bytes.end)}; }
  std::uint32_t offset(position where) const;

 private:
  std::string_view text_;
  std::vector<std::uint32_t> line_starts_;
};

// UTF-16 code units from the start of `text` to `byte_offset` (clamped): the offset a JavaScript
// string counts, for the workbench's page.
std::uint32_t utf16_units(std::string_view text, std::uint32_t byte_offset);

// Applies an LSP change (a range in UTF-16 units replaced by `replacement`) to `text`.
void apply_change(std::string& text, range where, std::string_view replacement);

struct diagnostic_item {
  std::string code;  // the stable R-code: "R2001"
  severity level = severity::error;
  std::string message, help;           // in the messages' language
  std::vector<std::string> notes;      // each note's message, with its place when it has one
  span bytes;
  range where;
};

enum class symbol_sort { kind, attribute, roster_column, choice, area, role, rule, veto, distinction, grade };

struct symbol {
  symbol_sort sort = symbol_sort::kind;
  std::string name;
  std::string label;      // empty when the declaration gives none
  std::string scope;      // attribute: its kind ("" for roster columns); choice: "kind.attribute"
  span name_span;         // the declared name
  std::optional<span> label_span;  // the label as written (English: with its quotes)
  span declaration;       // the whole declaration
  std::optional<std::size_t> parent;  // an attribute's kind, a choice's attribute
};

struct reference {
  std::size_t symbol = 0;  // into analysis::symbols
  span where;
  bool by_label = false;   // written as the declaration's label (the Chinese surface)
};

struct options {
  std::string path;   // the file's path, shown in messages and compared with its id in a folder
  std::string text;
  // The other versions of the same rubric folder, for the folder's checks (ids, dates, schemas):
  // empty for a file on its own. The caller chooses where they come from (the language server:
  // open documents first, then the folder's *.rubric files on disk).
  std::vector<std::shared_ptr<const source_file>> siblings;
  std::optional<i18n::language> messages;
};

struct analysis {
  std::shared_ptr<const source_file> file;
  ast::surface written_in = ast::surface::en;
  i18n::language messages = i18n::language::en;
  std::shared_ptr<const ast::rubric_file> tree;  // absent when the text does not parse
  std::optional<checked_version> checked;        // present when the version has no errors
  std::vector<diagnostic_item> diagnostics;      // this file's only, sorted
  std::vector<symbol> symbols;                   // in source order of declaration
  std::vector<reference> references;             // in source order
  bool symbols_carried = false;  // the text did not parse: the symbols are an earlier version's, for completion
};

// Parse, check (with the siblings when given) and index. `previous`, when given, lends its symbols
// to a text that does not parse, so that completion still knows the kinds while a line is half typed.
analysis analyse(options opts, const analysis* previous = nullptr);

// The declaration at `offset` (on its name or label, or on a reference to it).
std::optional<std::size_t> symbol_at(const analysis& a, std::uint32_t offset);
// The span under `offset` that names the symbol (a declaration's name or label, or a reference).
std::optional<span> name_span_at(const analysis& a, std::uint32_t offset);

// Plain words about the symbol at `offset`; empty when there is none.
std::string hover(const analysis& a, std::uint32_t offset);

enum class completion_kind { keyword, kind, attribute, choice, area, distinction, grade, role };
struct completion {
  std::string text;    // what to insert: a name, or in the Chinese surface the label
  std::string detail;  // the other of name and label
  completion_kind kind = completion_kind::keyword;
};
std::vector<completion> complete(const analysis& a, std::uint32_t offset);

// The file in canonical layout, in its own surface; absent when it does not parse.
std::optional<std::string> formatted(const analysis& a);

struct text_edit {
  span bytes;
  std::string replacement;
};
struct rename_result {
  std::vector<text_edit> edits;  // sorted by position, none overlapping
  std::string error;             // why the rename is refused; empty when it is not
};
// Renames what is under `offset`: the name (the declaration's name and every reference written by
// name) or, in the Chinese surface on a label, the label (the declaration's label and every
// reference written by it).
rename_result rename(const analysis& a, std::uint32_t offset, std::string_view new_name);

// The symbol's sort in words ("event kind" / "事件"), for outlines.
std::string sort_words(symbol_sort sort);

}  // namespace rubric::lang::workspace
