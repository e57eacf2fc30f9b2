#include "src/cost/activity.h"

#include <random>

#include "src/golden/sp2_decoder.h"

namespace qscale::cost {
namespace {

void Reset(GateNetlist& n) {
  n.SetInput("rst_ni", 1);
  n.SetInput("clk_i", 0);
  n.Evaluate();
}

}  // namespace

double ToggledAreaPerMultiply(GateNetlist& n, golden::MulKind kind,
                              const std::vector<OperandStream>& streams, int quality,
                              int sp2_code_bits) {
  Reset(n);
  double toggled = 0;
  int64_t multiplies = 0;
  const int weight_bits = n.HasPort("weight_i") ? n.PortWidth("weight_i") : 0;
  for (const OperandStream& s : streams) {
    if (kind == golden::MulKind::kCsd) {
      n.SetInput("quality_i", quality);
      n.SetInput("load_i", 1);
      n.SetInput("weight_i", s.weight);
      n.Evaluate();
      n.Clock();
      n.SetInput("load_i", 0);
      n.Evaluate();
    } else if (kind == golden::MulKind::kSp2) {
      const golden::Sp2Terms t = golden::Sp2Decode(s.weight, sp2_code_bits);
      n.SetInput("negative_i", t.negative);
      n.SetInput("enable1_i", t.enable1);
      n.SetInput("enable2_i", t.enable2);
      n.SetInput("shift1_i", t.shift1);
      n.SetInput("shift2_i", t.shift2);
    } else {
      n.SetInput("weight_i", s.weight);
    }
    for (int32_t act : s.acts) {
      n.SetInput("act_i", act);
      if (kind == golden::MulKind::kBitSerial) {
        n.SetInput("in_valid_i", 1);
        toggled += n.Evaluate();
        toggled += n.Clock();
        n.SetInput("in_valid_i", 0);
        for (int bit = 1; bit < weight_bits; ++bit) {
          toggled += n.Evaluate();
          toggled += n.Clock();
        }
      } else {
        toggled += n.Evaluate();
        toggled += n.Clock();
      }
      toggled += n.Evaluate();
      ++multiplies;
    }
  }
  return multiplies > 0 ? toggled / static_cast<double>(multiplies) : 0.0;
}

std::vector<OperandStream> RandomStreams(int count, int run, int weight_bits, int act_bits,
                                         uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int32_t> weight(-(1 << (weight_bits - 1)),
                                                (1 << (weight_bits - 1)) - 1);
  std::uniform_int_distribution<int32_t> act(-(1 << (act_bits - 1)), (1 << (act_bits - 1)) - 1);
  std::vector<OperandStream> streams(static_cast<size_t>(count));
  for (OperandStream& s : streams) {
    s.weight = weight(rng);
    for (int i = 0; i < run; ++i) s.acts.push_back(act(rng));
  }
  return streams;
}

}  // namespace qscale::cost
