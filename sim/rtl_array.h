// One verilated compute core (rtl/core/accel_core.sv or accel_core_os.sv, a Verilator --cc model:
// the decoder bank feeding a pe_array / pe_array_os) as the rtl backend clocks it: a cycle's
// inputs in, the cycle's outputs out, then the rising edge. The implementation
// (rtl_array_impl.h) owns the verilated model and packs its ports; this header stays free of the
// generated ones and of SystemC.
#ifndef QSCALE_SIM_RTL_ARRAY_H_
#define QSCALE_SIM_RTL_ARRAY_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "src/golden/array_config.h"

namespace qscale::sim {

// What the core's input ports carry in one cycle. Per row: act_*; per column: the decoder
// bank's code_* and psum_*.
struct ArrayInputs {
  int quality = 8;
  // The decoder bank (decoder_bank.sv): the layer's coding, the codes decoded this cycle.
  int coding = 0;          // qnn::WeightCoding: 0 int, 1 qsq, 2 nuuq, 3 msq
  bool dec_valid = false;  // ws: decode row `dec_row` (all columns) for the load port
  int dec_row = 0;
  std::vector<uint8_t> col_valid;  // os: decode column c's code (the columns are skewed)
  std::vector<uint32_t> code;      // per column: stored code, level index or SP2 code
  std::vector<int> bits;           // per column: int / MSQ stored width
  std::vector<int32_t> scale;      // per column: QSQ vector scale
  std::vector<int32_t> mean;       // per column: QSQ vector mean
  int levels = 0;                  // NUUQ N
  bool lut_we = false;             // NUUQ table load: row lut_addr of every column
  int lut_addr = 0;
  std::vector<int32_t> lut_data;  // per column
  // The array.
  std::vector<uint8_t> act_valid;
  std::vector<int64_t> act;
  std::vector<uint8_t> psum_valid;  // ws only
  std::vector<int64_t> psum;        // ws: psum_i; os: the initial values entering during a shift
  bool shift = false;               // os: shift_i
};

// What the array's output ports show during a cycle.
struct ArrayOutputs {
  std::vector<uint8_t> valid;  // psum_valid_o
  std::vector<int64_t> value;  // psum_o, sign-extended
};

class RtlArray {
 public:
  virtual ~RtlArray() = default;
  // The module's parameters.
  virtual const golden::ArrayShape& shape() const = 0;
  virtual bool output_stationary() const = 0;
  // Pulses the asynchronous reset (rst_ni low, then high) with the clock low.
  virtual void Reset() = 0;
  // Sets the ports to a cycle's inputs and settles the model on them (clock low).
  virtual void Drive(const ArrayInputs& inputs) = 0;
  // Reads the outputs during the cycle, as Drive settled them (an output may depend on the
  // cycle's inputs, e.g. psum_valid_o on shift_i).
  virtual void Sample(ArrayOutputs& outputs) const = 0;
  // The rising edge that ends the cycle: the registers take the driven inputs.
  virtual void Edge() = 0;
};

// A verilated core this build can make: its name ("ws_csd_16x16"), array parameters and factory
// (the caller resets the core before its first cycle). Its decoder bank decodes
// QSQ parameters of up to weight_bits - 3 bits and NUUQ indices of up to kRtlIndexBits bits.
inline constexpr int kRtlIndexBits = 8;  // decoder_bank IndexBits of the built cores

struct RtlArrayVariant {
  std::string name;
  bool output_stationary = false;
  golden::ArrayShape shape;
  std::function<std::unique_ptr<RtlArray>()> make;
};

// Every variant compiled into this binary (sim/CMakeLists.txt, QSCALE_SIM_ARRAYS).
const std::vector<RtlArrayVariant>& RtlArrayVariants();

}  // namespace qscale::sim

#endif  // QSCALE_SIM_RTL_ARRAY_H_
