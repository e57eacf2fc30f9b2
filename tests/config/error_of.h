// Test helper: the message of the ConfigError a call throws.
#ifndef QSCALE_TESTS_CONFIG_ERROR_OF_H_
#define QSCALE_TESTS_CONFIG_ERROR_OF_H_

#include <functional>
#include <string>

#include "src/config/config_error.h"

namespace qscale::config {

// what() of the ConfigError `call` throws, or "(no error)". Other exceptions propagate.
inline std::string ErrorOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace qscale::config

#endif  // QSCALE_TESTS_CONFIG_ERROR_OF_H_
