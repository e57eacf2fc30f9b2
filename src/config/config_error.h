// The one exception type of src/config.
#ifndef QSCALE_SRC_CONFIG_CONFIG_ERROR_H_
#define QSCALE_SRC_CONFIG_CONFIG_ERROR_H_

#include <stdexcept>

namespace qscale::config {

// A configuration is unreadable or invalid. what() is one line a user can act on: the place
// ("configs/a.yaml:12" with a 1-based YAML line, or "--set key=value" for an override), the
// key path, the problem and, where one exists, the fix, e.g.
//   configs/a.yaml:7: accelerator.rowz: unknown key (did you mean accelerator.rows?)
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_CONFIG_ERROR_H_
