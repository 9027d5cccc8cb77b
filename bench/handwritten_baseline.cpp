// A special-purpose program for the reference rubric's 2023-09 version and nothing else: the
// yardstick the general engine is compared with (docs/performance.md). It reads the generator's
// CSV with fixed column positions, trusts every row, keeps per unit-month totals and computes the
// monthly scores, ranks and flags, then prints the sum of all scores and flags so its work can be
// checked against `rubric score` on the same data.
//
//   handwritten_baseline DIR
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct totals {
  std::int64_t dispute = 0, commend = 0, uncivil = 0, admission = 0, clutter = 0, wire = 0, hours_tenths = 0;
  std::int32_t deductions = 0;
  bool veto = false;
};

int field_int(const char* b, const char* e) {
  int v = 0;
  for (; b < e; ++b) v = v * 10 + (*b - '0');
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: handwritten_baseline DIR\n");
    return 2;
  }
  std::string dir = argv[1];
  auto start = std::chrono::steady_clock::now();
  std::unordered_map<std::string, int> unit_index;
  std::vector<std::string> units;
  {
    std::ifstream in(dir + "/units.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      unit_index.emplace(line, static_cast<int>(units.size()));
      units.push_back(line);
    }
  }
  const int months = 12;
  std::vector<totals> t(units.size() * months);
  int fd = ::open((dir + "/events.csv").c_str(), O_RDONLY);
  std::vector<char> buf(1 << 22);
  std::size_t have = 0;
  bool header = true;
  std::uint64_t events = 0;
  for (;;) {
    ssize_t got = ::read(fd, buf.data() + have, buf.size() - have);
    if (got <= 0 && have == 0) break;
    std::size_t end = have + static_cast<std::size_t>(got > 0 ? got : 0);
    const char* p = buf.data();
    const char* limit = buf.data() + end;
    for (;;) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(limit - p)));
      if (!nl) break;
      if (header) {
        header = false;
        p = nl + 1;
        continue;
      }
      const char* f[12];
      int n = 0;
      f[n++] = p;
      for (const char* c = p; c < nl && n < 12; ++c) {
        if (*c == ',') f[n++] = c + 1;
      }
      f[n] = nl + 1;
      int month = field_int(f[0] + 5, f[0] + 7) - 1;
      auto it = unit_index.find(std::string(f[1], f[2] - 1));
      totals& u = t[static_cast<std::size_t>(it->second) * months + month];
      std::size_t kind_len = static_cast<std::size_t>(f[3] - 1 - f[2]);
      char k0 = f[2][0];
      if (k0 == 'd' && kind_len == 7) {  // dispute
        u.dispute += (f[3][0] == 't') ? -2 : -5;
        ++u.deductions;
      } else if (k0 == 'c' && kind_len == 12) {
        u.commend += 3;
      } else if (k0 == 'u') {
        u.uncivil -= 10;
        ++u.deductions;
      } else if (k0 == 'a') {
        u.admission += 5;
      } else if (k0 == 'c') {  // clutter
        char item = f[6][0];
        if (item != 'w' && !(item == 's' && f[6][1] == 't')) {
          int count = f[8] - 1 > f[7] ? field_int(f[7], f[8] - 1) : 1;
          u.clutter -= 2 * count;
          ++u.deductions;
        }
      } else if (k0 == 'v') {
        const char* h = f[8];
        int whole = 0, tenth = 0;
        while (*h >= '0' && *h <= '9') whole = whole * 10 + (*h++ - '0');
        if (*h == '.') tenth = h[1] - '0';
        u.hours_tenths += whole * 10 + tenth;
      } else if (k0 == 'f') {
        u.wire -= 10;
        ++u.deductions;
        u.veto = true;
      }
      ++events;
      p = nl + 1;
    }
    have = static_cast<std::size_t>(limit - p);
    std::memmove(buf.data(), p, have);
    if (got <= 0) break;
  }
  ::close(fd);
  std::int64_t score_sum = 0, flags = 0;
  std::vector<std::pair<std::int64_t, int>> order;
  for (int m = 0; m < months; ++m) {
    order.clear();
    for (std::size_t u = 0; u < units.size(); ++u) {
      const totals& x = t[u * months + m];
      std::int64_t score = 100 + std::max<std::int64_t>(x.dispute, -15) + std::min<std::int64_t>(x.commend, 9) +
                           x.uncivil + x.admission + std::max<std::int64_t>(x.clutter, -10) + x.wire +
                           std::min<std::int64_t>(x.hours_tenths / 20, 10);
      score_sum += score;
      if (!x.veto) order.emplace_back(-score * 1000000 + x.deductions, static_cast<int>(u));
    }
    std::sort(order.begin(), order.end());
    for (std::size_t i = 0; i < order.size(); ++i) {
      std::size_t rank = i + 1;
      while (rank > 1 && order[rank - 2].first == order[i].first) --rank;
      if (rank <= 3) ++flags;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Processor seconds too (user + system): on a shared machine the wall time includes waiting for a core.
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  double processor = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  std::printf("handwritten: events %llu  %.3f s  processor %.3f s  %.2f M events/s  (score sum %lld, flags %lld)\n",
              static_cast<unsigned long long>(events), seconds, processor, static_cast<double>(events) / seconds / 1e6,
              static_cast<long long>(score_sum), static_cast<long long>(flags));
  return 0;
}
