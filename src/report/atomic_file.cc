#include "src/report/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace qscale::report {
namespace {

[[noreturn]] void Fail(const std::string& path, const std::string& what) {
  throw ReportError(fmt::format("{}: cannot write result: {}", path, what));
}

}  // namespace

void CheckWritablePath(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    Fail(path,
         "it is a directory; name a file to write, e.g. " + (target / "report.json").string());
  }
  for (fs::path parent = target.parent_path(); !parent.empty(); parent = parent.parent_path()) {
    if (fs::exists(parent, ec)) {
      if (!fs::is_directory(parent, ec)) {
        Fail(path, parent.string() + " is a file, not a directory; choose another path");
      }
      break;
    }
    if (parent == parent.parent_path()) break;
  }
}

void WriteFileAtomically(const std::string& path, const std::string& content) {
  CheckWritablePath(path);
  const std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) {
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) Fail(path, ec.message());
  }
  // Unique per process and call, so that concurrent writers of one path never share a temporary.
  static std::atomic<unsigned> counter{0};
  const std::string temp = fmt::format("{}.tmp.{}.{}", path, ::getpid(), counter++);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) Fail(path, std::strerror(errno));
  // Closes the descriptor (once), removes the temporary and throws.
  const auto abandon = [&](int error, bool open) {
    if (open) ::close(fd);
    ::unlink(temp.c_str());
    Fail(path, std::strerror(error));
  };
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      abandon(errno, true);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) abandon(errno, true);
  if (::close(fd) != 0) abandon(errno, false);
  if (std::rename(temp.c_str(), path.c_str()) != 0) abandon(errno, false);
}

}  // namespace qscale::report
