// Reading a whole input file into memory, with the reasons a user can act on when it fails.
// Shared by the readers of src/nn (ONNX models, IDX datasets); each wraps the reason in its own
// error type and fix.
#ifndef QSCALE_SRC_NN_FILE_BYTES_H_
#define QSCALE_SRC_NN_FILE_BYTES_H_

#include <cstddef>
#include <string>

namespace qscale::nn {

// Reads the regular file at `path` into `*bytes`. On failure returns false and sets `*reason`
// to a lower-case phrase without the path: "is a directory, not a file", "no such file or
// directory", "permission denied", "larger than <max_bytes> bytes", "read error". Never throws
// for I/O.
bool ReadFileBytes(const std::string& path, size_t max_bytes, std::string* bytes,
                   std::string* reason);

}  // namespace qscale::nn

#endif  // QSCALE_SRC_NN_FILE_BYTES_H_
