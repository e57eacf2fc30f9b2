#include "src/cost/activity.h"

#include <random>

#include "src/golden/sp2_decoder.h"

namespace qscale::cost {

PeMultiplier::PeMultiplier(GateNetlist& netlist, golden::MulKind kind, int quality,
                           int sp2_code_bits)
    : n_(netlist),
      kind_(kind),
      quality_(quality),
      sp2_code_bits_(sp2_code_bits),
      weight_bits_(netlist.HasPort("weight_i") ? netlist.PortWidth("weight_i") : 0) {
  n_.SetInput("rst_ni", 1);
  n_.SetInput("clk_i", 0);
  n_.Evaluate();
}

void PeMultiplier::LoadWeight(int32_t weight) {
  if (kind_ == golden::MulKind::kCsd) {
    if (n_.HasPort("quality_i")) n_.SetInput("quality_i", quality_);
    n_.SetInput("load_i", 1);
    n_.SetInput("weight_i", weight);
    n_.Evaluate();
    n_.Clock();
    n_.SetInput("load_i", 0);
    n_.Evaluate();
  } else if (kind_ == golden::MulKind::kSp2) {
    const golden::Sp2Terms t = golden::Sp2Decode(weight, sp2_code_bits_);
    n_.SetInput("negative_i", t.negative);
    n_.SetInput("enable1_i", t.enable1);
    n_.SetInput("enable2_i", t.enable2);
    n_.SetInput("shift1_i", t.shift1);
    n_.SetInput("shift2_i", t.shift2);
  } else {
    n_.SetInput("weight_i", weight);
  }
}

double PeMultiplier::Multiply(int32_t act) {
  double toggled = 0;
  n_.SetInput("act_i", act);
  if (kind_ == golden::MulKind::kBitSerial) {
    n_.SetInput("in_valid_i", 1);
    toggled += n_.Evaluate();
    toggled += n_.Clock();
    n_.SetInput("in_valid_i", 0);
    for (int bit = 1; bit < weight_bits_; ++bit) {
      toggled += n_.Evaluate();
      toggled += n_.Clock();
    }
  } else {
    toggled += n_.Evaluate();
    toggled += n_.Clock();
  }
  return toggled + n_.Evaluate();
}

double ToggledAreaPerMultiply(GateNetlist& n, golden::MulKind kind,
                              const std::vector<OperandStream>& streams, int quality,
                              int sp2_code_bits) {
  PeMultiplier pe(n, kind, quality, sp2_code_bits);
  double toggled = 0;
  int64_t multiplies = 0;
  for (const OperandStream& s : streams) {
    pe.LoadWeight(s.weight);  // once per stream, not per multiply: not counted
    for (int32_t act : s.acts) {
      toggled += pe.Multiply(act);
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
