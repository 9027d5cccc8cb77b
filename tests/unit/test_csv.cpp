#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "engine/events/csv.hpp"
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

TEST_CASE("dates are YYYY-MM-DD and exist", "[csv]") {
  int y, m, d;
  std::string message;
  CHECK(parse_date("2024-02-29", y, m, d, message));
  CHECK_FALSE(parse_date("2023-02-29", y, m, d, message));
  CHECK_FALSE(parse_date("2023-13-01", y, m, d, message));
  CHECK_FALSE(parse_date("2023/9/1", y, m, d, message));
  CHECK_THAT(message, Catch::Contains("YYYY-MM-DD"));
  CHECK_FALSE(parse_date("2023年9月1日", y, m, d, message));
  CHECK_THAT(message, Catch::Contains("YYYY-MM-DD"));
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
