// Data files in the encodings spreadsheets save (engine/events/encoding.hpp): recognised,
// converted to UTF-8 with the lines a person sees, and never a GB18030 guess about a binary file.
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <string>

#include "engine/events/csv.hpp"
#include "engine/events/encoding.hpp"
#include "fixture.hpp"

using namespace rubric::engine;
using namespace std::string_literals;

namespace {

// 南国 1-1 in each encoding: GB18030 C4CF B9FA, UTF-8 E58D97 E59BBD, UTF-16 U+5357 U+56FD.
const std::string utf8_text = "unit,\xE5\x8D\x97\xE5\x9B\xBD\n1-1,\xE5\x8D\x97\n";
const std::string gb_text = "unit,\xC4\xCF\xB9\xFA\n1-1,\xC4\xCF\n";

std::string utf16(const std::string& ascii_or_marked, bool little) {
  // ASCII, with `@` for 南 and `#` for 国
  std::string out;
  for (char c : ascii_or_marked) {
    unsigned unit = c == '@' ? 0x5357 : c == '#' ? 0x56FD : static_cast<unsigned char>(c);
    char high = static_cast<char>(unit >> 8), low = static_cast<char>(unit & 0xFF);
    out += little ? std::string{low, high} : std::string{high, low};
  }
  return out;
}
const std::string utf16_source = "unit,@#\n1-1,@\n";

struct opened {
  utf8_file result;
  std::string text;  // what the readers see
};

opened open_text(const std::string& bytes, text_encoding requested = text_encoding::automatic) {
  rubric::test::community c;
  std::string path = c.write("data.csv", bytes);
  int fd = ::open(path.c_str(), O_RDONLY);
  std::uint64_t size = bytes.size();
  opened out;
  out.result = open_as_utf8(fd, size, path, requested);
  out.text.resize(size);
  if (size > 0) REQUIRE(::pread(fd, out.text.data(), size, 0) == static_cast<ssize_t>(size));
  ::close(fd);
  return out;
}

}  // namespace

TEST_CASE("encodings: UTF-8 is read as it is, with no note", "[encoding]") {
  auto r = open_text(utf8_text);
  CHECK(r.result.ok);
  CHECK_FALSE(r.result.report);
  CHECK(r.text == utf8_text);
  r = open_text("\xEF\xBB\xBF" + utf8_text);  // the CSV reader skips the mark
  CHECK_FALSE(r.result.report);
  CHECK(r.text == "\xEF\xBB\xBF" + utf8_text);
}

TEST_CASE("encodings: GB18030 is recognised and converted, with a note", "[encoding]") {
  auto r = open_text(gb_text);
  REQUIRE(r.result.ok);
  REQUIRE(r.result.report);
  CHECK(r.result.report->code == finding_code::read_as_encoding);
  CHECK(is_note(r.result.report->code));
  CHECK_FALSE(is_row_problem(r.result.report->code));
  CHECK_THAT(r.result.report->message, Catch::Contains("read as GB18030"));
  CHECK(r.text == utf8_text);
}

TEST_CASE("encodings: UTF-16 with and without a byte order mark", "[encoding]") {
  for (bool little : {true, false}) {
    for (bool marked : {true, false}) {
      INFO("little endian " << little << ", marked " << marked);
      std::string bytes = utf16(utf16_source, little);
      if (marked) bytes = (little ? "\xFF\xFE"s : "\xFE\xFF"s) + bytes;
      auto r = open_text(bytes);
      REQUIRE(r.result.ok);
      REQUIRE(r.result.report);
      CHECK_THAT(r.result.report->message, Catch::Contains(little ? "UTF-16LE" : "UTF-16BE"));
      CHECK(r.text == utf8_text);
    }
  }
}

TEST_CASE("encodings: a UTF-16 file cut in the middle of a character says so", "[encoding]") {
  std::string bytes = utf16(utf16_source, true);
  bytes.pop_back();
  auto r = open_text(bytes);
  CHECK_FALSE(r.result.ok);
  REQUIRE(r.result.report);
  CHECK(r.result.report->line == 2);
  CHECK_THAT(r.result.report->message, Catch::Contains("cannot be read as UTF-16LE: it ends in the middle of a character"));
}

TEST_CASE("encodings: GB18030 after a long ASCII start is still found", "[encoding]") {
  std::string start = "unit,note\n";
  while (start.size() < 200 * 1024) start += "1-1,plain ascii text\n";
  auto r = open_text(start + "1-2,\xC4\xCF\xB9\xFA\n");
  REQUIRE(r.result.ok);
  REQUIRE(r.result.report);
  CHECK_THAT(r.result.report->message, Catch::Contains("GB18030"));
  CHECK(r.text == start + "1-2,\xE5\x8D\x97\xE5\x9B\xBD\n");
}

TEST_CASE("encodings: a zip, a PDF or other binary data is never called GB18030", "[encoding]") {
  // The start of an .xlsx: bytes that are valid GBK pairs follow the zip signature.
  std::string zip = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xC4\xCF\xB9\xFA\xC8\xFD"s;
  auto r = open_text(zip);
  CHECK_FALSE(r.result.ok);
  REQUIRE(r.result.report);
  CHECK(r.result.report->code == finding_code::bad_encoding);
  CHECK_THAT(r.result.report->message, Catch::Contains("zip archive"));
  CHECK_THAT(r.result.report->message, !Catch::Contains("GB18030") && !Catch::Contains("GBK"));
  CHECK(guess_encoding(zip).find("GB18030") == std::string::npos);

  r = open_text("%PDF-1.7\n\xC4\xCF\xB9\xFA\n");
  CHECK_FALSE(r.result.ok);
  CHECK_THAT(r.result.report->message, Catch::Contains("PDF"));

  // No magic number, but control bytes no table holds: GBK pairs or not, it is not text.
  std::string binary = "\x01\x02\x03\xC4\xCF\xB9\xFA\x1B\x7F\xC8\xFD\x05"s;
  CHECK(guess_text_encoding(binary, true).encoding == text_encoding::automatic);
  CHECK_FALSE(guess_text_encoding(binary, true).binary.empty());
  CHECK(guess_encoding(binary).find("GB18030") == std::string::npos);
  r = open_text(binary);
  CHECK_FALSE(r.result.ok);
  CHECK_THAT(r.result.report->message, Catch::Contains("not a table of text"));
  // The same GBK pairs with no control byte are GB18030.
  CHECK(guess_text_encoding("\xC4\xCF\xB9\xFA\xC8\xFD\n", true).encoding == text_encoding::gb18030);
}

TEST_CASE("encodings: an invalid GB18030 sequence names its line and byte", "[encoding]") {
  // Line 3 holds 0x81 0x20: a lead byte followed by a space is no GB18030 character.
  std::string bytes = "unit,\xC4\xCF\n1-1,\xC4\xCF\n1-2,\xC4\xCF\x81\x20x\n";
  auto r = open_text(bytes, text_encoding::gb18030);
  CHECK_FALSE(r.result.ok);
  REQUIRE(r.result.report);
  CHECK(r.result.report->code == finding_code::bad_encoding);
  CHECK(r.result.report->line == 3);
  CHECK(r.result.report->column == 6);  // 1-2,南 is five characters
  CHECK_THAT(r.result.report->message, Catch::Contains("byte 22 of the file (81 20 78 0A)"));
}

TEST_CASE("encodings: --encoding forces one, and a wrong one is a clear error", "[encoding]") {
  auto r = open_text(gb_text, text_encoding::gbk);
  REQUIRE(r.result.ok);
  CHECK_THAT(r.result.report->message, Catch::Contains("read as GBK, as --encoding says"));
  CHECK(r.text == utf8_text);

  r = open_text(utf16(utf16_source, true), text_encoding::utf16);  // no mark: little endian, as Windows writes
  REQUIRE(r.result.ok);
  CHECK(r.text == utf8_text);

  r = open_text(utf16(utf16_source, true), text_encoding::gb18030);
  CHECK_FALSE(r.result.ok);
  CHECK_THAT(r.result.report->message, Catch::Contains("zero bytes, as UTF-16 files do"));

  r = open_text(gb_text, text_encoding::utf16le);
  CHECK_FALSE(r.result.ok);
  CHECK_THAT(r.result.report->message, Catch::Contains("the file is not UTF-16"));

  r = open_text("\xFF\xFE"s + utf16(utf16_source, true), text_encoding::utf16be);
  CHECK_FALSE(r.result.ok);
  CHECK_THAT(r.result.report->message, Catch::Contains("byte order mark of UTF-16LE, but --encoding says UTF-16BE"));

  // Bytes that are no GB18030 text: E2 82 is a pair, AC FF is none.
  r = open_text("unit\n\xE2\x82\xAC\xFF\n", text_encoding::gb18030);
  CHECK_FALSE(r.result.ok);
  CHECK(r.result.report->line == 2);

  r = open_text(utf8_text, text_encoding::utf8);
  CHECK(r.result.ok);
  CHECK_FALSE(r.result.report);
}

TEST_CASE("encodings: the names --encoding takes", "[encoding]") {
  CHECK(encoding_named("utf-8") == text_encoding::utf8);
  CHECK(encoding_named("UTF8") == text_encoding::utf8);
  CHECK(encoding_named("gb18030") == text_encoding::gb18030);
  CHECK(encoding_named("GBK") == text_encoding::gbk);
  CHECK(encoding_named("utf-16") == text_encoding::utf16);
  CHECK(encoding_named("utf-16le") == text_encoding::utf16le);
  CHECK(encoding_named("UTF-16BE") == text_encoding::utf16be);
  CHECK_FALSE(encoding_named("latin1"));
  CHECK_FALSE(encoding_named(""));
}
