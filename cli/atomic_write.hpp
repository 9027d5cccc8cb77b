// Replacing a file so that a reader, a crash or a full disk never sees it half written.
#pragma once

#include <string>
#include <string_view>

namespace rubric::cli {

// Writes `text` to a temporary file in the folder of `path`, flushes it to disk and renames it
// over `path`, keeping the original's permission bits (and owner, where allowed). A symbolic link
// is followed, so the link stays a link. On any failure `path` is untouched, the temporary file
// is removed, false is returned and `error` says what failed.
bool replace_file_atomically(const std::string& path, std::string_view text, std::string& error);

// Creates `path` with `text`, whole or not at all, and never replaces anything: the text is
// written to a temporary file beside it and flushed, then linked to `path`, which fails when
// `path` exists (a file, a link, a folder) even if it appeared a moment ago. On failure returns
// false and `error` says why; the temporary file is removed either way.
bool create_file_atomically(const std::string& path, std::string_view text, std::string& error);

}  // namespace rubric::cli
