#include "src/config/quant_spec.h"

#include <cstdint>

#include <fmt/format.h>

#include "src/config/config_map.h"
#include "src/config/dataset_spec.h"

namespace qscale::config {
namespace {

FixedSpec ParseFixedSpec(const ConfigNode& node) {
  FixedSpec spec;
  ConfigMap map(node);
  map.Read("budget", RealRange{0, 1}, &spec.budget);
  map.Read("validation_images", IntRange{1, kMaxImages}, &spec.validation_images);
  map.Finish();
  return spec;
}

// `vector` is "filter" or a group length.
int ParseQsqVector(const ConfigNode& node, int current) {
  if (!node.IsPresent()) return current;
  if (node.Scalar() == "filter") return kQsqVectorPerFilter;
  int64_t length = 0;
  if (!node.IsScalar() || !ParseInteger(node.Scalar(), &length) || length < 1 ||
      length > (1 << 20)) {
    node.Fail(
        fmt::format("expected \"filter\" or a group length 1..1048576 (got {})", node.Describe()));
  }
  return static_cast<int>(length);
}

QsqSpec ParseQsqSpec(const ConfigNode& node) {
  QsqSpec spec;
  ConfigMap map(node);
  map.ReadOneOf("levels", {3, 5, 7}, &spec.levels);
  spec.vector_length = ParseQsqVector(map.Get("vector"), spec.vector_length);
  map.Read("mean", &spec.mean);
  // Decoded QSQ weights are param_bits + 3 bits wide and the multipliers take 16.
  map.Read("param_bits", IntRange{2, 13}, &spec.param_bits);
  map.Finish();
  return spec;
}

NuuqSpec ParseNuuqSpec(const ConfigNode& node) {
  NuuqSpec spec;
  ConfigMap map(node);
  map.Read("levels", IntRange{2, 256}, &spec.levels);
  map.Read("grid_bits", IntRange{2, 16}, &spec.grid_bits);
  map.ReadEnum("packing", kNuuqPackingNames, &spec.packing);
  map.ReadEnum("granularity", kNuuqGranularityNames, &spec.granularity);
  map.Finish();
  if (spec.levels > (1 << spec.grid_bits)) {
    node.Child("levels").FailRequirement(
        fmt::format("must be <= 2^grid_bits = {} (got {}; raise grid_bits or lower levels)",
                    1 << spec.grid_bits, spec.levels));
  }
  return spec;
}

MsqSpec ParseMsqSpec(const ConfigNode& node) {
  MsqSpec spec;
  ConfigMap map(node);
  map.ReadOneOf("bits", {4, 8}, &spec.bits);
  map.Read("sp2_ratio", RealRange{0, 1}, &spec.sp2_ratio);
  map.Read("high_precision_ratio", RealRange{0, 1}, &spec.high_precision_ratio);
  map.Finish();
  return spec;
}

}  // namespace

QuantSpec ParseQuantSpec(const ConfigNode& node) {
  QuantSpec spec;
  ConfigMap map(node);
  map.ReadEnum("scheme", kQuantSchemeNames, &spec.scheme);
  map.Read("activation_bits", IntRange{2, 16}, &spec.activation_bits);
  map.ReadEnum("rounding", kRoundingNames, &spec.rounding);
  spec.fixed = ParseFixedSpec(map.Get("fixed"));
  spec.qsq = ParseQsqSpec(map.Get("qsq"));
  spec.nuuq = ParseNuuqSpec(map.Get("nuuq"));
  spec.msq = ParseMsqSpec(map.Get("msq"));
  map.Finish();
  return spec;
}

}  // namespace qscale::config
