// The workbook reader (engine/events/workbook.cpp), then the decoder, evaluator and renderers,
// on arbitrary bytes. An input that starts like a zip is scored as the workbook file it is; any
// other input is the XML of a sheet, packed here with a fixed workbook around it (after a NUL
// byte, the shared strings part), so the fuzzer reaches the XML without forging zip checksums.
// Scored against the homeowners' rubric (fuzz_common.hpp). The sheet is also read twice, by the
// row scanner and by expat alone, which must hand over the same rows and say the same error.
#include <zip.h>

#include <cstdio>

#include "engine/events/workbook.hpp"
#include "fuzz_common.hpp"

namespace {

constexpr std::string_view package_rels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
constexpr std::string_view workbook_xml =
    R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
    R"(<sheet name="10月" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view workbook_rels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";
constexpr std::string_view styles_xml =
    R"(<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>)"
    R"(<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>)";

void add(zipFile zip, const char* name, std::string_view data) {
  zip_fileinfo info{};
  zipOpenNewFileInZip(zip, name, &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 1);
  zipWriteInFileInZip(zip, data.data(), static_cast<unsigned>(data.size()));
  zipCloseFileInZip(zip);
}

// Every row the workbook's first sheet hands over, then whether it was read to its end and why not.
std::string transcript(const std::string& path, bool scan_rows) {
  rubric::engine::workbook_limits limits;
  limits.scan_rows = scan_rows;
  std::string error;
  auto book = rubric::engine::workbook::open(path, error, limits);
  if (!book) return "not opened: " + error;
  std::string out;
  bool read = book->read_sheet(
      0,
      [&](std::uint64_t row, const std::vector<rubric::engine::sheet_cell>& cells) {
        out += std::to_string(row) + ":";
        for (const auto& c : cells) {
          out += " " + std::to_string(c.column) + "/" + std::to_string(static_cast<int>(c.type)) + "/" + std::string(c.text);
        }
        out += "\n";
        return true;
      },
      error);
  return out + (read ? "read" : "failed: " + error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.substr(0, 2) == "PK") {
    rubric::fuzz::score_input(input, "xlsx");
    return 0;
  }
  auto nul = input.find('\0');
  std::string_view sheet = input.substr(0, nul);
  std::string_view shared = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
  std::string path = rubric::fuzz::work_dir() + "/events.xlsx";
  zipFile zip = zipOpen(path.c_str(), APPEND_STATUS_CREATE);
  if (!zip) std::abort();
  add(zip, "_rels/.rels", package_rels);
  add(zip, "xl/workbook.xml", workbook_xml);
  add(zip, "xl/_rels/workbook.xml.rels", workbook_rels);
  add(zip, "xl/styles.xml", styles_xml);
  add(zip, "xl/worksheets/sheet1.xml", sheet);
  if (!shared.empty()) add(zip, "xl/sharedStrings.xml", shared);
  zipClose(zip, nullptr);
  std::string scanned = transcript(path, true), parsed = transcript(path, false);
  if (scanned != parsed) {
    std::fprintf(stderr, "the row scanner and expat differ\n--- scanner:\n%s\n--- expat:\n%s\n", scanned.c_str(),
                 parsed.c_str());
    std::abort();
  }
  auto run = rubric::engine::run_score(rubric::fuzz::request_for(rubric::fuzz::communities[0], path));
  rubric::fuzz::check_run(run);
  return 0;
}
