#include "src/nn/file_bytes.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

namespace qscale::nn {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// strerror's text, lower-cased first letter ("No such file" -> "no such file").
std::string ErrnoReason(int error) {
  std::string reason = std::strerror(error);
  if (!reason.empty() && reason[0] >= 'A' && reason[0] <= 'Z') reason[0] += 'a' - 'A';
  return reason;
}

}  // namespace

bool ReadFileBytes(const std::string& path, size_t max_bytes, std::string* bytes,
                   std::string* reason) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (fs::is_directory(status)) {
    *reason = "is a directory, not a file";
    return false;
  }
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    *reason = ErrnoReason(errno);
    return false;
  }
  // Size-checked before reading, so that an absurd file is refused without allocating for it.
  if (fs::is_regular_file(status)) {
    const uintmax_t size = fs::file_size(path, error);
    if (!error && size > max_bytes) {
      *reason = fmt::format("larger than {} bytes", max_bytes);
      return false;
    }
    if (!error) bytes->reserve(static_cast<size_t>(size));
  }
  bytes->clear();
  char chunk[1 << 16];
  while (true) {
    const size_t got = std::fread(chunk, 1, sizeof chunk, file.get());
    bytes->append(chunk, got);
    if (bytes->size() > max_bytes) {
      *reason = fmt::format("larger than {} bytes", max_bytes);
      return false;
    }
    if (got < sizeof chunk) break;
  }
  if (std::ferror(file.get())) {
    *reason = "read error";
    return false;
  }
  return true;
}

}  // namespace qscale::nn
