// What the cost model prices: the accelerator's datapath as the driver resolved it for a run
// (sim::HardwareConfig plus the scheme's decoder), and the actions it counted. Plain data, so
// that src/cost needs nothing of sim/ (no SystemC here).
#ifndef QSCALE_SRC_COST_HARDWARE_H_
#define QSCALE_SRC_COST_HARDWARE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "src/cost/unit_library.h"
#include "src/golden/array_config.h"

namespace qscale::cost {

// The decoder bank in front of the array.
enum class DecoderKind { kNone, kQsq, kNuuq, kSp2 };

struct Hardware {
  golden::ArrayShape shape;  // rows, cols, base multiplier, SP2 columns, widths, accumulator
  int csd_quality = 8;       // 1..8
  DecoderKind decoder = DecoderKind::kNone;
  int qsq_param_bits = 8;    // qsq_decoder ParamBits
  int nuuq_index_bits = 2;   // nuuq_decoder IndexBits = ceil(log2 levels)
  int nuuq_grid_bits = 8;    // nuuq_decoder GridBits
  double clock_mhz = 500;    // MHz
  int64_t weight_buffer_bits = 0;  // SRAM buffers, bits
  int64_t input_buffer_bits = 0;
  int64_t output_buffer_bits = 0;
};

// The RTL module and parameters of each unit of `hw`: the base multiplier (exact / csd /
// bitserial at WeightWidth x ActWidth), the SP2 multiplier (ActWidth, CodeBits), the decoder,
// the accumulator (acc_sat: InWidth = product width, AccWidth) and the PE of each column kind.
struct UnitRef {
  std::string module;  // "" when the hardware has no such unit
  UnitParams params;
};
UnitRef MultiplierUnit(const Hardware& hw);
// The multiplier kind of the RTL module `module` ("mul_exact", "mul_csd", "mul_sp2",
// "mul_bitserial": the modules MultiplierUnit names), or std::nullopt for any other module.
std::optional<golden::MulKind> MultiplierKindOfModule(const std::string& module);
UnitRef Sp2MultiplierUnit(const Hardware& hw);  // module "" without SP2 columns
UnitRef DecoderUnit(const Hardware& hw);        // module "" without a decoder
UnitRef Sp2DecoderUnit(const Hardware& hw);     // module "" without SP2 columns
UnitRef AccumulatorUnit(const Hardware& hw);
UnitRef PeUnit(const Hardware& hw, bool sp2_column);

// Counts of one layer's (or a whole run's) actions, as sim::StepStats counts them.
struct Actions {
  int64_t cycles = 0;
  int64_t macs = 0;              // useful multiply-accumulates
  int64_t multiplier_macs = 0;   // on the base multiplier's columns
  int64_t sp2_macs = 0;          // on SP2 columns
  int64_t csd_active_rows = 0;   // partial-product rows switched by csd MACs
  int64_t decodes = 0;           // weights through the decoder bank (= weight loads)
  int64_t requantizations = 0;   // outputs through the requantizer
  int64_t vector_elements = 0;   // elements through the vector unit
  int64_t dram_bits = 0;         // all operands
  int64_t sram_read_bits[3] = {0, 0, 0};   // weight, input, output buffer
  int64_t sram_write_bits[3] = {0, 0, 0};
};

}  // namespace qscale::cost

#endif  // QSCALE_SRC_COST_HARDWARE_H_
