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

// Writes `content` to a temporary file beside `path`, flushes it to disk, then renames it onto
// `path`: readers see either the old file or the complete new one. Creates missing parent
// directories. Throws ReportError on failure (and removes the temporary file).
void WriteFileAtomically(const std::string& path, const std::string& content);

}  // namespace qscale::report

#endif  // QSCALE_SRC_REPORT_ATOMIC_FILE_H_
