#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/events/csv.hpp"
#include "lang/source.hpp"
#include "fixture.hpp"

using namespace rubric::engine;

namespace {

struct read_result {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> lines;
  std::vector<finding> problems;
};

read_result read_all(const std::string& bytes) {
  rubric::test::community c;
  std::string path = c.write("t.csv", bytes);
  int fd = ::open(path.c_str(), O_RDONLY);
  csv_reader reader(fd, 0, bytes.size());
  read_result out;
  csv_record record;
  finding problem;
  for (;;) {
    auto status = reader.next(record, problem);
    if (status == csv_reader::status::end) break;
    if (status == csv_reader::status::error) {
      out.problems.push_back(problem);
      continue;
    }
    out.rows.emplace_back(record.cells.begin(), record.cells.end());
    out.lines.push_back(record.line);
  }
  ::close(fd);
  return out;
}

using rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("CSV as spreadsheets save it", "[csv]") {
  CHECK(read_all("a,b\n1,2\n").rows == rows{{"a", "b"}, {"1", "2"}});
  CHECK(read_all("a,b\n1,2").rows == rows{{"a", "b"}, {"1", "2"}});                // no final line end
  CHECK(read_all("\xEF\xBB\xBF" "a,b\r\n1,2\r\n").rows == rows{{"a", "b"}, {"1", "2"}});  // BOM and CRLF
  CHECK(read_all("a,,\n").rows == rows{{"a", "", ""}});
  CHECK(read_all("\"x, y\",\"say \"\"hi\"\"\",z\n").rows == rows{{"x, y", "say \"hi\"", "z"}});
  CHECK(read_all("\"\"\n").rows == rows{{""}});
}

TEST_CASE("a quoted cell may hold a line break; line numbers stay physical", "[csv]") {
  auto r = read_all("h\n\"two\nlines\",x\nlast\n");
  CHECK(r.rows == rows{{"h"}, {"two\nlines", "x"}, {"last"}});
  CHECK(r.lines == std::vector<std::uint64_t>{1, 2, 4});
}

TEST_CASE("broken quoting is reported with its line and column", "[csv]") {
  auto stray = read_all("h\nab\"c,d\nok\n");
  REQUIRE(stray.problems.size() == 1);
  CHECK(stray.problems[0].code == finding_code::malformed_row);
  CHECK(stray.problems[0].line == 2);
  CHECK(stray.problems[0].column == 3);  // the quote, not the end of the line
  CHECK(stray.rows == rows{{"h"}, {"ok"}});  // the reader goes on after the bad row
  auto after = read_all("\"a\"b,c\nok\n");
  REQUIRE(after.problems.size() == 1);
  CHECK(after.rows == rows{{"ok"}});
  auto unclosed = read_all("h\n\"never closed,x\nmore\n");
  REQUIRE(unclosed.problems.size() == 1);
  CHECK(unclosed.problems[0].code == finding_code::unterminated_quote);
  CHECK(unclosed.problems[0].line == 2);
}

TEST_CASE("files in other encodings are named", "[csv]") {
  std::string gb = "h\n\xC8\xFD-1,x\n";  // 三 in GB18030
  auto r = read_all(gb);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].code == finding_code::bad_encoding);
  CHECK_THAT(r.problems[0].message, Catch::Contains("GB18030"));
  CHECK(guess_encoding("\xFF\xFEh\0") == "UTF-16");
}

TEST_CASE("a row longer than the reader accepts is skipped, not held", "[csv]") {
  std::string text = "h\n" + std::string(csv_reader::max_record_bytes + 10, 'x') + "\nok\n";
  auto r = read_all(text);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].code == finding_code::too_long);
  CHECK(r.problems[0].line == 2);
  CHECK(r.rows == rows{{"h"}, {"ok"}});
  CHECK(r.lines.back() == 3);
}

TEST_CASE("a 100 MB line is skipped in bounded memory", "[csv]") {
  rubric::test::community c;
  std::string path = c.write("huge.csv", "h\n");
  {
    std::ofstream out(path, std::ios::app | std::ios::binary);
    std::string block(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) out << block;
    out << "\nok\n";
  }
  int fd = ::open(path.c_str(), O_RDONLY);
  csv_reader reader(fd, 0, std::filesystem::file_size(path));
  csv_record record;
  finding problem;
  std::vector<std::string> rows;
  std::vector<finding_code> codes;
  for (;;) {
    auto status = reader.next(record, problem);
    if (status == csv_reader::status::end) break;
    if (status == csv_reader::status::error) codes.push_back(problem.code);
    else rows.emplace_back(record.cells.front());
  }
  ::close(fd);
  CHECK(codes == std::vector<finding_code>{finding_code::too_long});
  CHECK(rows == std::vector<std::string>{"h", "ok"});
}

TEST_CASE("csv: the UTF-8 check of rows agrees with utf8proc's on every byte string", "[csv]") {
  // The readers check rows with their own loop (fast for Chinese labels); it must accept and
  // refuse exactly what utf8proc does: overlong forms, surrogates, code points above U+10FFFF,
  // truncated and stray continuation bytes included.
  std::vector<std::string> cases = {"", "abc", "楼道杂物", "\xC0\x80", "\xC2\x80", "\xE0\x80\x80", "\xE0\xA0\x80",
                                    "\xED\xA0\x80", "\xED\x9F\xBF", "\xF0\x8F\xBF\xBF", "\xF0\x90\x80\x80",
                                    "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\x80", "\xE6\xA5",
                                    "a\xE6\xA5\xBC\xE9", "\xFF", "\xEF\xBF\xBD"};
  std::mt19937 random(7);
  const unsigned char bytes[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                 0xDF, 0xE0, 0xE6, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int k = static_cast<int>(random() % 7); k > 0; --k) s += static_cast<char>(bytes[random() % sizeof bytes]);
    cases.push_back(s);
  }
  for (const auto& s : cases) {
    INFO(s);
    CHECK(rubric::engine::valid_utf8(s) == !rubric::lang::find_invalid_utf8(s).has_value());
  }
}

TEST_CASE("parallel reading: a part starts where a reader of the whole file starts the next record", "[csv][parallel]") {
  // Quoted cells with commas, doubled quotes and line breaks, a quoted cell of line ends only,
  // CRLF, a blank line and a quoted cell in the last record.
  const std::string text =
      "h1,h2\n1,2\n\"a,b\",\"c\nd\"\r\n\"\"\"x\"\"\n,\n\",y\n\n\"\n\n\n\",z\n3,\"4,\n\"\"5\"\"\"\nlast,\"one\nmore\"\n";
  rubric::test::community c;
  std::string path = c.write("t.csv", text);
  int fd = ::open(path.c_str(), O_RDONLY);
  // Every record start and its line, as one reader of the whole file finds them.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> starts;
  {
    csv_reader reader(fd, 0, text.size());
    csv_record record;
    finding problem;
    starts.emplace_back(reader.position(), reader.next_line());
    while (reader.next(record, problem) == csv_reader::status::record) starts.emplace_back(reader.position(), reader.next_line());
  }
  REQUIRE(starts.size() == 9);  // before the header, then after it and after each of the seven records
  const std::uint64_t from = starts[1].first;  // the first record after the header
  for (std::uint64_t cut = from; cut <= text.size(); ++cut) {
    INFO("cut at byte " << cut);
    auto expected = *std::find_if(starts.begin(), starts.end(), [&](const auto& s) { return s.first >= cut; });
    split_point found = find_split_point(fd, from, starts[1].second, cut, text.size());
    CHECK(found.offset == expected.first);
    if (found.offset < text.size()) CHECK(found.line == expected.second);
    // A reader told to stop at the cut stops at that same record.
    csv_reader part(fd, from, text.size(), starts[1].second);
    part.stop_at_record_after(cut);
    csv_record record;
    finding problem;
    while (part.next(record, problem) != csv_reader::status::end) {
    }
    CHECK(part.position() == expected.first);
  }
  ::close(fd);
}

// A mapped file cut short under the reader (saved over while a run reads it) would raise SIGBUS:
// the run stops with exit status 2 and a message instead. In a child process, since it ends it.
TEST_CASE("an events file that shrinks while it is read stops the run with a message, not a crash", "[csv]") {
  rubric::test::community c;
  std::string bytes;
  while (bytes.size() < (8u << 20)) bytes += "2024-01-05,1-1,flying_wire\n";
  std::string path = c.write("shrinking.csv", bytes);
  int err[2];
  REQUIRE(::pipe(err) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::dup2(err[1], STDERR_FILENO);
    int fd = ::open(path.c_str(), O_RDWR);
    {
      csv_reader reader(fd, 0, bytes.size());
      if (::ftruncate(fd, 0) != 0) ::_exit(3);
      csv_record record;
      finding problem;
      while (reader.next(record, problem) != csv_reader::status::end) {
      }
    }
    ::_exit(0);  // read to the end without noticing: the test fails
  }
  ::close(err[1]);
  std::string said;
  char chunk[512];
  for (ssize_t n; (n = ::read(err[0], chunk, sizeof chunk)) > 0;) said.append(chunk, static_cast<std::size_t>(n));
  ::close(err[0]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(said.find("became shorter while it was being read") != std::string::npos);
}
