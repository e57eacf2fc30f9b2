// Switching activity of the multipliers: their synthesized gate netlists (gate_netlist.h) driven
// with operand streams as a weight-stationary PE sees them (one weight held while a run of
// activations goes by), the toggled cell area counted per multiply. With the calibration anchor
// this turns into energy per operation (unit_costs.h).
#ifndef QSCALE_SRC_COST_ACTIVITY_H_
#define QSCALE_SRC_COST_ACTIVITY_H_

#include <cstdint>
#include <vector>

#include "src/cost/gate_netlist.h"
#include "src/golden/array_config.h"

namespace qscale::cost {

// One weight and the activations multiplied by it while it is held.
struct OperandStream {
  int32_t weight = 0;            // exact / csd / bitserial: the integer weight; sp2: the code
  std::vector<int32_t> acts;     // signed activations, in arrival order
};

// A synthesized multiplier netlist driven as a weight-stationary PE drives it: a weight loaded
// once, then activations multiplied by it one after another. The netlist is the caller's (kept
// by reference); after Multiply its prod_o (GateNetlist::Output) holds the product.
class PeMultiplier {
 public:
  // Takes `netlist`, a multiplier of `kind` with its RTL module's ports (mul_exact, mul_csd,
  // mul_sp2 or mul_bitserial), out of reset. `quality` feeds mul_csd's quality_i where the
  // netlist has that port (not when it was synthesized with quality_i tied); `sp2_code_bits`
  // decodes sp2 codes (golden::Sp2Decode).
  PeMultiplier(GateNetlist& netlist, golden::MulKind kind, int quality = 8,
               int sp2_code_bits = 4);

  // Holds `weight` (sp2: its code) for the multiplies that follow: mul_csd recodes it at a clock
  // edge with load_i high; the others take it on their ports.
  void LoadWeight(int32_t weight);

  // Multiplies the held weight by `act` up to the edge that registers the product (bit-serial:
  // in_valid_i for one edge, then weight-width edges in all) and settles the outputs; returns the
  // area (um^2) toggled on the way.
  double Multiply(int32_t act);

 private:
  GateNetlist& n_;
  golden::MulKind kind_;
  int quality_;
  int sp2_code_bits_;
  int weight_bits_;  // of the weight_i port (0 for mul_sp2, which has none)
};

// Toggled area per multiply, um^2: `netlist` is a synthesized multiplier of `kind` (mul_exact,
// mul_csd, mul_sp2 or mul_bitserial ports), driven with `streams`; `quality` feeds mul_csd's
// quality_i, `sp2_code_bits` decodes sp2 codes (golden::Sp2Decode). Weight loads (mul_csd's
// recoding) are not counted: they happen once per stream, not per multiply. Every product is
// checked against the port semantics' sign: the caller's tests compare with the golden models.
double ToggledAreaPerMultiply(GateNetlist& netlist, golden::MulKind kind,
                              const std::vector<OperandStream>& streams, int quality = 8,
                              int sp2_code_bits = 4);

// `count` streams of `run` uniformly random operands (weights over the signed `weight_bits`
// range, or over all codes of `weight_bits` bits for sp2; activations over signed `act_bits`),
// from a fixed seed: the reference activity. run = 1 changes both operands every multiply.
std::vector<OperandStream> RandomStreams(int count, int run, int weight_bits, int act_bits,
                                         uint32_t seed = 1);

}  // namespace qscale::cost

#endif  // QSCALE_SRC_COST_ACTIVITY_H_
