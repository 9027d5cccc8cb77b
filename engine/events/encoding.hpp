// Data files as Excel and WPS save them on Chinese Windows: UTF-8, GB18030/GBK, or UTF-16 with
// or without a byte order mark. A file that is not UTF-8 is converted with iconv(3) into an
// anonymous temporary file, which the readers then read as they read any UTF-8 file: memory does
// not grow with the file, and lines are the lines a person sees in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/findings.hpp"

namespace rubric::engine {

enum class text_encoding { automatic, utf8, gb18030, gbk, utf16, utf16le, utf16be };

// The names --encoding takes: utf-8, gb18030, gbk, utf-16, utf-16le, utf-16be (any case).
std::optional<text_encoding> encoding_named(std::string_view name);
// As people know it: UTF-8, GB18030, GBK, UTF-16, UTF-16LE, UTF-16BE.
const char* encoding_display_name(text_encoding encoding);

// What the bytes of a file look like. `text_encoding::automatic` when they are none of the
// encodings read (then `binary` may name what they are instead).
struct encoding_guess {
  text_encoding encoding = text_encoding::automatic;
  std::string binary;   // not text: what it is ("a zip archive ..."), for a message
};

// Looks at `sample`, the start of a file (`whole`: all of it). In order: byte order marks;
// binary files by their magic numbers (zip, hence .xlsx/.ods; PDF; old .xls; ...); UTF-16
// without a mark by the zero bytes of its ASCII characters; valid UTF-8; and GB18030 only when
// the bytes are valid GB18030 and hold no NUL and no control byte but tab, CR and LF.
encoding_guess guess_text_encoding(std::string_view sample, bool whole);

// Makes the open file `fd` (of `size` bytes) readable as UTF-8. With `requested` automatic the
// encoding is guessed (guess_text_encoding, beyond the first non-ASCII byte of a long ASCII
// start). When the file is not UTF-8 it is converted into an anonymous temporary file: `fd` is
// closed and replaced by it, and `size` becomes its size. `report` is then a note naming the
// encoding read (never an error); when the file cannot be read as text, `ok` is false and
// `report` the error (line and byte of an invalid sequence, or what the binary file is).
struct utf8_file {
  bool ok = true;
  std::optional<finding> report;
};
utf8_file open_as_utf8(int& fd, std::uint64_t& size, const std::string& path, text_encoding requested);

}  // namespace rubric::engine
