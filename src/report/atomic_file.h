// Writing results so that an interrupted run never leaves a half-written file behind.
#ifndef QSCALE_SRC_REPORT_ATOMIC_FILE_H_
#define QSCALE_SRC_REPORT_ATOMIC_FILE_H_

#include <stdexcept>
#include <string>

namespace qscale::report {

// A result file could not be written. The message names the file and the reason.
class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws ReportError when `path` cannot be a file WriteFileAtomically writes: it is a directory,
// or one of its parents exists as something other than a directory. Lets a command refuse a bad
// output path before any work rather than after it.
void CheckWritablePath(const std::string& path);

// Writes `content` to a temporary file beside `path`, flushes it to disk, then renames it onto
// `path`: readers see either the old file or the complete new one. Creates missing parent
// directories. Throws ReportError on failure (and removes the temporary file), including the
// cases of CheckWritablePath.
void WriteFileAtomically(const std::string& path, const std::string& content);

}  // namespace qscale::report

#endif  // QSCALE_SRC_REPORT_ATOMIC_FILE_H_
