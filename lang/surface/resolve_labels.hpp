// References by label: in the Chinese surface a rule may name a kind, attribute, choice, area,
// role, distinction, grade or roster column by its label (`每次 楼道杂物`) as well as by its name
// (`每次 clutter`). This pass rewrites every such reference to the declaration's name, in its
// context (a condition's attributes and choices are those of the kind the clause counts, ranking
// filters use roster columns, ...), so the checker, planner and engine never see the surface.
//
// A name always wins over a label. A label that names two declarations of one sort is R2032 at
// the reference. A reference that names nothing is left as written: the checker's "unknown ..."
// error reports it, with a "did you mean" that offers names and labels.
#pragma once

#include "lang/ast.hpp"
#include "lang/diag/registry.hpp"

namespace rubric::lang::surface {

void resolve_labels(ast::rubric_file& tree, const source_file& file, diagnostics& diags);

}  // namespace rubric::lang::surface
