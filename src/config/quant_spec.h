// How the network is quantized (`quant:`): the scheme and each scheme's parameters.
// DESIGN.md section 1 defines the schemes; configs/README.md lists every key.
#ifndef QSCALE_SRC_CONFIG_QUANT_SPEC_H_
#define QSCALE_SRC_CONFIG_QUANT_SPEC_H_

#include <array>
#include <string_view>

#include "src/config/config_node.h"

namespace qscale::config {

// quant.scheme. Enumerators in the order of kQuantSchemeNames.
enum class QuantScheme { kFloat, kInt8, kFixed, kQsq, kNuuq, kMsq };
inline constexpr std::array<std::string_view, 6> kQuantSchemeNames = {"float", "int8", "fixed",
                                                                      "qsq",   "nuuq", "msq"};
// The YAML name of `scheme`, e.g. for reports.
inline std::string_view ToString(QuantScheme scheme) {
  return kQuantSchemeNames[static_cast<int>(scheme)];
}

// Layer-wise fixed-point search (Goyal et al.; DESIGN.md 1.1).
struct FixedSpec {
  double budget = 0.01;          // total relative accuracy loss allowed, fraction; 0..1
  int validation_images = 5000;  // training images held out to score the search; 1..kMaxImages
};

// quant.qsq.vector written as "filter": one vector per output filter.
inline constexpr int kQsqVectorPerFilter = 0;

// Quality scalable quantization (DESIGN.md 1.2).
struct QsqSpec {
  int levels = 7;  // magnitude levels incl. zero and sign: 7 (3-bit codes), 5 or 3
  // Key `vector`: weights sharing one scale. kQsqVectorPerFilter ("filter") or a fixed group
  // length in weights, 1..1048576.
  int vector_length = kQsqVectorPerFilter;
  bool mean = false;   // store a per-vector offset m_v as well as the scale s_v
  int param_bits = 8;  // bits of each stored s_v / m_v (fixed point); 2..13 (decoded weights
                       // are param_bits + 3 bits and the multipliers take 16)
};

// quant.nuuq.packing. Enumerators in the order of kNuuqPackingNames.
enum class NuuqPacking {
  kDense,    // g indices in ceil(g * log2 N) bits
  kAligned,  // each index in ceil(log2 N) bits
};
inline constexpr std::array<std::string_view, 2> kNuuqPackingNames = {"dense", "aligned"};
// The YAML name of `packing`, e.g. for reports.
inline std::string_view ToString(NuuqPacking packing) {
  return kNuuqPackingNames[static_cast<int>(packing)];
}

// quant.nuuq.granularity. Enumerators in the order of kNuuqGranularityNames.
enum class NuuqGranularity {
  kChannel,  // one level set (and grid unit) per output channel
  kLayer,    // one level set per layer
};
inline constexpr std::array<std::string_view, 2> kNuuqGranularityNames = {"channel", "layer"};
// The YAML name of `granularity`, e.g. for reports.
inline std::string_view ToString(NuuqGranularity granularity) {
  return kNuuqGranularityNames[static_cast<int>(granularity)];
}

// Non-uniform levels on a uniform grid (DESIGN.md 1.3).
struct NuuqSpec {
  int levels = 4;     // N, levels per level set; 2..min(256, 2^grid_bits)
  int grid_bits = 8;  // B, bits of the signed uniform grid the levels snap to; 2..16
  NuuqPacking packing = NuuqPacking::kDense;
  NuuqGranularity granularity = NuuqGranularity::kChannel;
};

// Mixed scheme, multi-precision (DESIGN.md 1.4).
struct MsqSpec {
  int bits = 4;                       // bits per weight code: 4 or 8
  double sp2_ratio = 0.5;             // fraction of rows (and array columns) on SP2; 0..1
  double high_precision_ratio = 0.1;  // fraction of rows kept at 8 bits; 0..1
};

// quant.rounding. Enumerators in the order of kRoundingNames.
enum class Rounding {
  kNearest,      // each weight to its nearest level
  kCompensated,  // GPTQ-style error compensation on the calibration inputs (quant/rounding.h)
};
inline constexpr std::array<std::string_view, 2> kRoundingNames = {"nearest", "compensated"};
// The YAML name of `rounding`, e.g. for reports.
inline std::string_view ToString(Rounding rounding) {
  return kRoundingNames[static_cast<int>(rounding)];
}

struct QuantSpec {
  QuantScheme scheme = QuantScheme::kQsq;
  // How qsq, nuuq and msq pick each weight's level once their formats are fit (int8 and fixed
  // always round to nearest, as their sources define).
  Rounding rounding = Rounding::kCompensated;
  int activation_bits = 8;  // A, bits of the integer activations; 2..16 (fixed picks its own)
  FixedSpec fixed;
  QsqSpec qsq;
  NuuqSpec nuuq;
  MsqSpec msq;
};

// Reads `quant:`; an absent node gives the defaults. All schemes' sections are read and
// validated whichever scheme is selected. Throws ConfigError naming the file and line (see
// ConfigMap), e.g.
//   configs/a.yaml:3: quant.scheme: expected one of float, int8, fixed, qsq, nuuq, msq (got "qsx")
//   configs/a.yaml:9: quant.nuuq.levels must be <= 2^grid_bits = 16 (got 20)
QuantSpec ParseQuantSpec(const ConfigNode& node);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_QUANT_SPEC_H_
