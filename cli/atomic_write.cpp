#include "cli/atomic_write.hpp"
#include "lang/i18n.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace rubric::cli {

namespace fs = std::filesystem;

namespace {

std::string reason(int error) { return std::strerror(error); }

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

bool replace_file_atomically(const std::string& path, std::string_view text, std::string& error) {
  std::error_code ec;
  fs::path target = path;
  if (fs::is_symlink(target, ec)) {
    target = fs::canonical(target, ec);
    if (ec) {
      error = i18n::tr("cannot follow the link `{}`: {}", path, ec.message());
      return false;
    }
  }
  struct stat original {};
  if (::stat(target.c_str(), &original) != 0) {
    error = i18n::tr("cannot write `{}`: {}", path, reason(errno));
    return false;
  }
  fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string temporary = (folder / ("." + target.filename().string() + ".rubric-fmt-XXXXXX")).string();
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    error = i18n::tr("cannot write `{}`: cannot create a temporary file in `{}`: {}", path, folder.string(),
                        reason(errno));
    return false;
  }
  auto fail = [&](const std::string& step) {
    int saved = errno;
    if (fd >= 0) ::close(fd);
    ::unlink(temporary.c_str());
    error = i18n::tr("cannot write `{}` ({}): {}; the file is unchanged", path, step, reason(saved));
    return false;
  };
  // Owner first: changing it may clear set-id bits, which the mode then restores.
  if (::fchown(fd, original.st_uid, original.st_gid) != 0 && errno != EPERM) return fail(i18n::text("keeping its owner"));
  if (::fchmod(fd, original.st_mode & 07777) != 0) return fail(i18n::text("keeping its permissions"));
  if (!write_all(fd, text)) return fail(i18n::text("writing"));
  if (::fsync(fd) != 0) return fail(i18n::text("flushing to disk"));
  int closing = ::close(fd);
  fd = -1;
  if (closing != 0) return fail(i18n::text("closing"));
  if (::rename(temporary.c_str(), target.c_str()) != 0) return fail(i18n::text("replacing"));
  // The rename itself is durable only once the folder is flushed; a failure here cannot undo it.
  if (int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

bool create_file_atomically(const std::string& path, std::string_view text, std::string& error) {
  fs::path target = path;
  fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string temporary = (folder / ("." + target.filename().string() + ".rubric-new-XXXXXX")).string();
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    error = i18n::tr("cannot write `{}`: cannot create a temporary file in `{}`: {}", path, folder.string(), reason(errno));
    return false;
  }
  auto fail = [&](const std::string& step) {
    int saved = errno;
    if (fd >= 0) ::close(fd);
    ::unlink(temporary.c_str());
    error = i18n::tr("cannot write `{}` ({}): {}", path, step, reason(saved));
    return false;
  };
  if (::fchmod(fd, 0644) != 0) return fail(i18n::text("keeping its permissions"));
  if (!write_all(fd, text)) return fail(i18n::text("writing"));
  if (::fsync(fd) != 0) return fail(i18n::text("flushing to disk"));
  int closing = ::close(fd);
  fd = -1;
  if (closing != 0) return fail(i18n::text("closing"));
  // link(2), unlike rename(2), refuses an existing name: nothing is ever replaced.
  if (::link(temporary.c_str(), target.c_str()) != 0) return fail(i18n::text("creating"));
  ::unlink(temporary.c_str());
  if (int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

}  // namespace rubric::cli
