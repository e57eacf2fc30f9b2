// Running the qscale binary from a test: exit code, stdout and stderr.
#ifndef QSCALE_TESTS_E2E_RUN_HELPERS_H_
#define QSCALE_TESTS_E2E_RUN_HELPERS_H_

#include <string>

namespace qscale::e2e {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `build/bin/qscale <arguments>` (arguments are passed to /bin/sh as written) from the
// repository top, capturing both streams.
CommandResult RunQscale(const std::string& arguments);

// A scratch directory for the current test and process (the same path on every call).
std::string ScratchDir();

// The whole content of a file.
std::string ReadFile(const std::string& path);

// Writes `bytes` to `path` (created or replaced); returns `path`.
std::string WriteFile(const std::string& path, const std::string& bytes);

// Runs `qscale <command> <config> --quiet <extra> --json <scratch>/r.json` and checks, with
// gtest EXPECTs, that it failed cleanly: exit code 1, nothing on stdout, one "qscale: " message
// on stderr (possibly followed by indented detail lines) ending in a newline, no report written.
CommandResult RunFailing(const std::string& config, const std::string& extra = "",
                         const std::string& command = "run");

}  // namespace qscale::e2e

#endif  // QSCALE_TESTS_E2E_RUN_HELPERS_H_
