#include "src/config/accelerator_spec.h"

#include "src/config/config_map.h"

namespace qscale::config {

SramSpec ParseSramSpec(const ConfigNode& node) {
  constexpr IntRange kKib{1, kMaxSramKib, "64 MiB, the largest on-chip buffer qscale models"};
  SramSpec spec;
  ConfigMap map(node);
  map.Read("weight_kib", kKib, &spec.weight_kib);
  map.Read("input_kib", kKib, &spec.input_kib);
  map.Read("output_kib", kKib, &spec.output_kib);
  map.Finish();
  return spec;
}

DramSpec ParseDramSpec(const ConfigNode& node) {
  DramSpec spec;
  ConfigMap map(node);
  map.Read("bytes_per_cycle", RealRange{0, 4096, /*min_exclusive=*/true}, &spec.bytes_per_cycle);
  map.Read("latency_cycles", IntRange{0, 1'000'000}, &spec.latency_cycles);
  map.Finish();
  return spec;
}

AcceleratorSpec ParseAcceleratorSpec(const ConfigNode& node) {
  AcceleratorSpec spec;
  ConfigMap map(node);
  constexpr IntRange kSide{1, kMaxArraySide, "the longest array side qscale models"};
  map.Read("rows", kSide, &spec.rows);
  map.Read("cols", kSide, &spec.cols);
  map.ReadEnum("dataflow", kDataflowNames, &spec.dataflow);
  map.ReadEnum("multiplier", kMultiplierNames, &spec.multiplier);
  map.Read("csd_quality", IntRange{1, 8}, &spec.csd_quality);
  map.Read("accumulator_bits", IntRange{8, 64}, &spec.accumulator_bits);
  map.Read("clock_mhz", RealRange{0, 10000, /*min_exclusive=*/true}, &spec.clock_mhz);
  spec.sram = ParseSramSpec(map.Get("sram"));
  spec.dram = ParseDramSpec(map.Get("dram"));
  map.Finish();
  return spec;
}

}  // namespace qscale::config
