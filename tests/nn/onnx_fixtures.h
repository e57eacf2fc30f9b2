// Paths of the checked-in ONNX fixtures (tests/data/onnx/, written by make_fixtures.py) and the
// error text of importing one.
#ifndef QSCALE_TESTS_NN_ONNX_FIXTURES_H_
#define QSCALE_TESTS_NN_ONNX_FIXTURES_H_

#include <string>

#include "src/nn/onnx_import.h"

namespace qscale::nn {

// Absolute path of fixture `name`, e.g. "tiny_net.onnx".
inline std::string FixturePath(const std::string& name) {
  return std::string(QSCALE_SOURCE_DIR) + "/tests/data/onnx/" + name;
}

// The ModelError message of importing `path`, or "(no error)".
inline std::string ImportError(const std::string& path) {
  try {
    ImportOnnx(path);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace qscale::nn

#endif  // QSCALE_TESTS_NN_ONNX_FIXTURES_H_
