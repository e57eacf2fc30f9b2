// The simulated accelerator (`accelerator:`): array, multipliers, clock and memories.
// DESIGN.md section 2 describes the microarchitecture; configs/README.md lists every key.
#ifndef QSCALE_SRC_CONFIG_ACCELERATOR_SPEC_H_
#define QSCALE_SRC_CONFIG_ACCELERATOR_SPEC_H_

#include <array>
#include <string_view>

#include "src/config/config_node.h"

namespace qscale::config {

// accelerator.dataflow. Enumerators in the order of kDataflowNames.
enum class Dataflow {
  kWs,  // weight stationary
  kOs,  // output stationary
};
inline constexpr std::array<std::string_view, 2> kDataflowNames = {"ws", "os"};
// The YAML name of `dataflow`, e.g. for reports.
inline std::string_view ToString(Dataflow dataflow) {
  return kDataflowNames[static_cast<int>(dataflow)];
}

// accelerator.multiplier, the PE multiplier. Enumerators in the order of kMultiplierNames.
// (With quant.scheme msq the array mixes sp2 and exact columns whatever this says.)
enum class MultiplierKind {
  kExact,      // exact parallel multiplier, 1 cycle
  kCsd,        // quality-scalable canonic-signed-digit multiplier (csd_quality digits)
  kSp2,        // two shifts and one add
  kBitserial,  // one weight bit per cycle
};
inline constexpr std::array<std::string_view, 4> kMultiplierNames = {"exact", "csd", "sp2",
                                                                     "bitserial"};
// The YAML name of `kind`, e.g. for reports.
inline std::string_view ToString(MultiplierKind kind) {
  return kMultiplierNames[static_cast<int>(kind)];
}

// The largest on-chip buffer qscale models, KiB: 64 MiB. An edge accelerator's SRAM is a few
// MiB; beyond this the array would not be the bottleneck being studied, and the memory model
// backs each buffer with host memory.
inline constexpr int kMaxSramKib = 1 << 16;

// The largest array qscale models, in PEs: 65536, a TPU-v1-sized 256 x 256 array. Every PE is
// simulated (and, at fidelity rtl, verilated), so a larger array cannot be run in useful time.
// Each side may be up to kMaxArraySide as long as rows x cols stays within this.
inline constexpr int kMaxArrayPes = 1 << 16;
inline constexpr int kMaxArraySide = 1024;

// On-chip buffers, each double-buffered within its size.
struct SramSpec {
  int weight_kib = 64;  // compressed-weight buffer, KiB (1024 bytes); 1..kMaxSramKib
  int input_kib = 64;   // input-activation buffer, KiB; 1..kMaxSramKib
  int output_kib = 64;  // output / partial-sum buffer, KiB; 1..kMaxSramKib
};

struct DramSpec {
  double bytes_per_cycle = 16;  // sustained bandwidth, bytes per accelerator cycle; > 0, <= 4096
  int latency_cycles = 100;     // first-beat latency, accelerator cycles; 0..1000000
};

struct AcceleratorSpec {
  int rows = 16;  // PE rows (the K dimension of a fold); 1..kMaxArraySide
  int cols = 16;  // PE columns (the N dimension of a fold); 1..kMaxArraySide; rows x cols is at
                  // most kMaxArrayPes (checked by ParseRunConfig, see consistency.h)
  Dataflow dataflow = Dataflow::kWs;
  MultiplierKind multiplier = MultiplierKind::kCsd;
  int csd_quality = 3;        // non-zero CSD digits kept by the csd multiplier; 1..8
  int accumulator_bits = 32;  // saturating accumulator width, bits; 8..64
  double clock_mhz = 500;     // clock frequency, MHz; > 0, <= 10000
  SramSpec sram;
  DramSpec dram;
};

// Read `accelerator.sram`, `accelerator.dram` and `accelerator:`; an absent node gives the
// defaults. Unknown keys, wrong types and out-of-range values throw ConfigError carrying the file
// and YAML line (see ConfigMap), e.g.
//   configs/a.yaml:12: accelerator.dram.bytes_per_cycle must be > 0 (got -4)
SramSpec ParseSramSpec(const ConfigNode& node);
DramSpec ParseDramSpec(const ConfigNode& node);
AcceleratorSpec ParseAcceleratorSpec(const ConfigNode& node);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_ACCELERATOR_SPEC_H_
