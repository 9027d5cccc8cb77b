// What `rubric --version` prints: the project's version and the git commit it was built from
// ("unknown" outside a git checkout), written by cli/version.cmake at build time.
#pragma once

namespace rubric::cli {
extern const char* const version_text;
}
