// The effective configuration written back out: as flat key/value pairs (reports, sweep result
// columns) and as YAML (a file that reproduces the run).
#ifndef QSCALE_SRC_CONFIG_CONFIG_LISTING_H_
#define QSCALE_SRC_CONFIG_CONFIG_LISTING_H_

#include <string>
#include <utility>
#include <vector>

#include "src/config/run_config.h"

namespace qscale::config {

// Every key of `config` in configs/default.yaml's order, as (dotted key path, YAML scalar text):
// ("accelerator.rows", "16"), ("quant.scheme", "qsq"), ("quant.qsq.vector", "filter"),
// ("quant.msq.sp2_ratio", "0.5"), ("quant.qsq.mean", "false"). Reals print in their shortest
// round-trip form. Each pair is a valid override: --set key=value reproduces the value.
// Flatten(RunConfig{}) lists every key the config accepts. `source` and `locations` are not
// listed.
std::vector<std::pair<std::string, std::string>> Flatten(const RunConfig& config);

// The effective configuration as a block-style YAML document, every key present; parsing it
// gives back a config whose Flatten equals `config`'s.
std::string ToYaml(const RunConfig& config);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_CONFIG_LISTING_H_
