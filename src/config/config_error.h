// The one exception type of src/config.
#ifndef QSCALE_SRC_CONFIG_CONFIG_ERROR_H_
#define QSCALE_SRC_CONFIG_CONFIG_ERROR_H_

#include <stdexcept>
#include <string>
#include <string_view>

namespace qscale::config {

// `text` with every control character written as an escape ("\n", "\t", "\x1b"), so that a value
// quoted from the input cannot break a message into lines or drive the terminal.
std::string EscapeControlCharacters(std::string_view text);

// A configuration is unreadable or invalid. what() is one line a user can act on: the place
// ("configs/a.yaml:12" with a 1-based YAML line, or "--set key=value" for an override), the
// key path, the problem and, where one exists, the fix, e.g.
//   configs/a.yaml:7: accelerator.rowz: unknown key (did you mean accelerator.rows?)
// Control characters the input put in the message are escaped (EscapeControlCharacters).
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::string_view message)
      : std::runtime_error(EscapeControlCharacters(message)) {}
};

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_CONFIG_ERROR_H_
