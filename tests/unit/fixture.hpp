// A small community written to a temporary folder, scored with the reference rubric.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/score.hpp"

namespace rubric::test {

namespace fs = std::filesystem;

inline const std::string events_header = "date,unit,kind,resolved,act,level,item,count,hours,person,result\n";

class community {
 public:
  explicit community(std::vector<std::string> units = {"1-1", "1-2", "1-3", "2-1", "2-2"}) : units_(std::move(units)) {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / ("rubric-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir_);
    std::string unit_csv = "unit\n", people_csv = "person,role,unit\n";
    for (const auto& u : units_) {
      unit_csv += u + "\n";
      people_csv += "p" + u + ",unit_head," + u + "\n";
    }
    write("units.csv", unit_csv);
    write("people.csv", people_csv);
  }
  ~community() { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }

  // Scores `rows` (CSV rows without the header) in one file, or in several.
  engine::score_run score_files(const std::vector<std::vector<std::string>>& files, const std::string& period,
                          const std::string& rubric = std::string(RUBRIC_SOURCE_DIR) + "/rubrics/nanguo-xinjiayuan",
                          unsigned jobs = 1, const std::string& header = events_header) const {
    engine::score_request request;
    request.rubric = rubric;
    request.units = (dir_ / "units.csv").string();
    request.people = (dir_ / "people.csv").string();
    for (std::size_t f = 0; f < files.size(); ++f) {
      std::string text = header;
      for (const auto& row : files[f]) text += row + "\n";
      request.events.push_back(write("events" + std::to_string(f) + ".csv", text));
    }
    if (period.size() == 4) request.year = std::stoi(period);
    else request.period_text = period;
    request.jobs = jobs;
    request.empty_periods = empty_periods;
    return engine::run_score(request);
  }
  engine::score_run score(const std::vector<std::string>& rows, const std::string& period) const {
    return score_files({rows}, period);
  }

  std::uint32_t unit(const std::string& id) const {
    return static_cast<std::uint32_t>(std::find(units_.begin(), units_.end(), id) - units_.begin());
  }
  const fs::path& dir() const { return dir_; }

  engine::score_request::empty_period empty_periods = engine::score_request::empty_period::refuse;

 private:
  std::vector<std::string> units_;
  fs::path dir_;
};

}  // namespace rubric::test
