// The multipliers' generic-gate netlists as this build synthesized them (build/unit_costs),
// evaluated by cost::GateNetlist and driven by cost::PeMultiplier (the simulation behind
// `energy.activity: measured`), against their golden models (src/golden): every product of a
// seeded random sample of operands, and of the corner operands (0, +-1, the extremes of each
// width), must be the golden one. A failure names the netlist and the first operands whose
// product differs.
#include "src/cost/gate_netlist.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "src/cost/activity.h"
#include "src/cost/hardware.h"
#include "src/cost/unit_costs.h"
#include "src/cost/unit_library.h"
#include "src/golden/mul_bitserial.h"
#include "src/golden/mul_csd.h"
#include "src/golden/mul_exact.h"
#include "src/golden/mul_sp2.h"
#include "tests/cost/built_units.h"

namespace qscale::cost {
namespace {

using golden::MulKind;

constexpr uint32_t kSeed = 20240611;
constexpr int kRandomSamples = 2000;  // per netlist

// One multiply: the weight operand (sp2: the code), the activation and the csd quality.
struct Operands {
  int32_t weight = 0;
  int32_t act = 0;
  int quality = golden::kCsdMaxQuality;
};

// The product of `op` on `netlist` (a multiplier of `kind`) driven as the activity measurement
// drives it (PeMultiplier), or std::nullopt with `*problem` set when a bit-serial handshake
// output is wrong.
std::optional<int64_t> NetlistProduct(GateNetlist& netlist, MulKind kind, int code_bits,
                                      const Operands& op, std::string* problem) {
  PeMultiplier pe(netlist, kind, op.quality, code_bits);
  pe.LoadWeight(op.weight);
  const bool serial = kind == MulKind::kBitSerial;
  if (serial && netlist.Output("in_ready_o", false) != 1) {
    *problem = "in_ready_o low when the operands were presented";
    return std::nullopt;
  }
  pe.Multiply(op.act);
  if (serial && netlist.Output("out_valid_o", false) != 1) {
    *problem = "out_valid_o low when the product was due";
    return std::nullopt;
  }
  return netlist.Output("prod_o", true);
}

int64_t Golden(MulKind kind, const Operands& op, int weight_bits, int act_bits) {
  switch (kind) {
    case MulKind::kCsd:
      return golden::MulCsd(op.weight, op.act, op.quality, weight_bits, act_bits);
    case MulKind::kSp2:
      return golden::MulSp2(op.weight, op.act, weight_bits, act_bits);
    case MulKind::kBitSerial:
      return golden::MulBitSerial(op.weight, op.act, weight_bits, act_bits);
    case MulKind::kExact:
      break;
  }
  return golden::MulExact(op.weight, op.act, weight_bits, act_bits);
}

// 0, +-1 and the extremes of a signed `bits`-wide operand.
std::vector<int32_t> Corners(int bits) {
  const int32_t max = (1 << (bits - 1)) - 1;
  return {0, 1, -1, max, -max - 1, max - 1, -max};
}

// The operands a netlist is checked on: every corner pair (sp2: every code with every corner
// activation), at every quality a run-time csd quality port takes, then kRandomSamples seeded
// random ones.
std::vector<Operands> Sample(MulKind kind, int weight_bits, int act_bits,
                             std::optional<int> tied_quality) {
  std::vector<int> qualities = {golden::kCsdMaxQuality};
  if (kind == MulKind::kCsd) {
    qualities.clear();
    if (tied_quality) {
      qualities.push_back(*tied_quality);
    } else {
      for (int q = golden::kCsdMinQuality; q <= golden::kCsdMaxQuality; ++q) qualities.push_back(q);
    }
  }
  std::vector<int32_t> weights = Corners(weight_bits);
  if (kind == MulKind::kSp2) {  // codes are unsigned bit patterns: all of them
    weights.clear();
    for (int32_t code = 0; code < (1 << weight_bits); ++code) weights.push_back(code);
  }
  std::vector<Operands> sample;
  for (int q : qualities) {
    for (int32_t w : weights) {
      for (int32_t a : Corners(act_bits)) sample.push_back({w, a, q});
    }
  }
  std::mt19937 rng(kSeed);
  std::uniform_int_distribution<int32_t> weight =
      kind == MulKind::kSp2
          ? std::uniform_int_distribution<int32_t>(0, (1 << weight_bits) - 1)
          : std::uniform_int_distribution<int32_t>(-(1 << (weight_bits - 1)),
                                                   (1 << (weight_bits - 1)) - 1);
  std::uniform_int_distribution<int32_t> act(-(1 << (act_bits - 1)), (1 << (act_bits - 1)) - 1);
  std::uniform_int_distribution<size_t> quality(0, qualities.size() - 1);
  for (int i = 0; i < kRandomSamples; ++i) {
    const int32_t w = weight(rng);
    const int32_t a = act(rng);
    sample.push_back({w, a, qualities[quality(rng)]});
  }
  return sample;
}

TEST(GateNetlist, EveryMultiplierNetlistComputesItsGoldenProducts) {
  const UnitCosts costs(testing::Tech45nm(), testing::BuiltUnits());
  std::map<MulKind, int> netlists;  // checked, by kind
  for (const UnitVariant& v : testing::BuiltUnits().variants()) {
    const std::optional<MulKind> kind = MultiplierKindOfModule(v.module);
    if (!kind) continue;
    std::optional<int> tied_quality;  // mul_csd synthesized for one quality
    if (const auto it = v.params.find("@quality_i"); it != v.params.end()) {
      tied_quality = it->second;
    }
    const int code_bits = v.params.count("CodeBits") ? v.params.at("CodeBits") : 4;
    GateNetlist netlist = costs.Netlist(v);
    const int weight_bits = *kind == MulKind::kSp2 ? code_bits : netlist.PortWidth("weight_i");
    const int act_bits = netlist.PortWidth("act_i");
    std::string mismatch;
    int64_t checked = 0;
    for (const Operands& op : Sample(*kind, weight_bits, act_bits, tied_quality)) {
      std::string problem;
      const std::optional<int64_t> got = NetlistProduct(netlist, *kind, code_bits, op, &problem);
      const int64_t want = Golden(*kind, op, weight_bits, act_bits);
      if (!got || *got != want) {
        mismatch = fmt::format("{} ({}): weight {} act {} quality {}: netlist {}, golden {}",
                               v.variant, v.netlist_file, op.weight, op.act, op.quality,
                               got ? fmt::format("{}", *got) : problem, want);
        break;
      }
      ++checked;
    }
    EXPECT_EQ(mismatch, "") << "the first mismatch, after " << checked << " equal products";
    ++netlists[*kind];
    std::cout << v.variant << ": " << checked << " products equal the golden model's\n";
  }
  // The build synthesizes every kind of multiplier (src/cost/CMakeLists.txt).
  for (const MulKind kind : {MulKind::kExact, MulKind::kCsd, MulKind::kSp2, MulKind::kBitSerial}) {
    EXPECT_GT(netlists[kind], 0) << "no netlist of multiplier kind " << static_cast<int>(kind);
  }
}

}  // namespace
}  // namespace qscale::cost
