// rtl/pe/pe.sv (the weight-stationary PE: weight register, multiplier by MulKind, saturating
// add) against golden::SaturatingAdd(psum_in, golden::PeProduct(...), AccWidth): every weight
// (or SP2 code) x every 8-bit activation x psums at and near both rails, for each multiplier
// kind at a 16-bit accumulator (so saturation happens) and SP2 8-bit codes at 32 bits. The sum
// must leave exactly PeLatency cycles after the activation entered, meeting the psum presented
// MulLatency cycles after it; the activation must pass to the right one cycle later.
#include <cstdint>
#include <iostream>
#include <random>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "Vpe_bitserial_w8a8_acc16.h"
#include "Vpe_csd_w8a8_acc16.h"
#include "Vpe_exact_w8a8_acc16.h"
#include "Vpe_sp2_c4a8_acc16.h"
#include "Vpe_sp2_c8a8_acc32.h"
#include "src/golden/array_config.h"
#include "src/golden/mul_csd.h"
#include "src/golden/saturate.h"
#include "src/golden/sp2_decoder.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

using golden::ArrayShape;
using golden::MulKind;
using golden::PeWeight;
using rtl_test::Edge;
using rtl_test::GetSigned;
using rtl_test::SetField;
using rtl_test::Settle;

// The verilated PE behind psum_out = sat(psum_in + PeProduct(weight, act)). Load() puts a
// weight word in the weight register; operator() presents the activation in cycle t (random
// activations without act_valid_i around it), the psum in t + MulLatency, and returns psum_o in
// t + PeLatency. Throws if the activation does not pass right, or psum_valid_o is wrong.
template <typename Model>
class PeRtl {
 public:
  explicit PeRtl(const ArrayShape& shape) : shape_(shape) {
    rtl_test::Reset(model_);
    if (model_.act_valid_o || model_.act_o || model_.psum_valid_o || model_.psum_o) {
      throw std::logic_error("outputs not 0 after reset");
    }
  }

  // A csd PE holds the recoded rows (csd_recoder, at the array edge) instead of the weight.
  void Load(const PeWeight& weight) {
    const bool csd = shape_.kind == MulKind::kCsd;
    const int bits = csd ? golden::CsdRowWordBits(shape_.weight_bits) : golden::WordBits(shape_);
    model_.wload_i = 1;
    SetField(model_.wdata_i, 0, bits,
             static_cast<int64_t>(csd ? golden::CsdRowWord(weight.value, shape_.weight_bits)
                                      : golden::PackWeightWord(shape_, 0, weight)));
    rtl_test::Tick(model_);
    model_.wload_i = 0;
    SetField(model_.wdata_i, 0, bits, static_cast<int64_t>(noise_() | uint64_t{noise_()} << 32));
  }

  int64_t operator()(int32_t act, int64_t psum_in, int quality) {
    const int latency = golden::MulLatency(shape_);
    model_.quality_i = static_cast<uint8_t>(quality);
    for (int cycle = 0; cycle <= latency; ++cycle) {
      model_.act_valid_i = cycle == 0;
      SetField(model_.act_i, 0, shape_.act_bits, cycle == 0 ? act : static_cast<int32_t>(noise_()));
      model_.psum_valid_i = cycle == latency;
      SetField(model_.psum_i, 0, shape_.acc_bits,
               cycle == latency ? psum_in : static_cast<int64_t>(noise_()));
      Settle(model_);
      if (cycle > 0 && model_.psum_valid_o) throw std::logic_error("psum_valid_o high early");
      Edge(model_);
      if (cycle == 0 &&
          (!model_.act_valid_o || GetSigned(model_.act_o, 0, shape_.act_bits) != act)) {
        throw std::logic_error("the activation did not pass right one cycle later");
      }
    }
    if (!model_.psum_valid_o) throw std::logic_error("psum_valid_o low at PeLatency");
    return GetSigned(model_.psum_o, 0, shape_.acc_bits);
  }

 private:
  ArrayShape shape_;
  Model model_;
  std::mt19937 noise_{1};
};

ArrayShape PeShape(MulKind kind, int acc_bits, int sp2_code_bits = 4) {
  ArrayShape shape;
  shape.rows = 1;
  shape.cols = 1;
  shape.kind = kind;
  shape.acc_bits = acc_bits;
  shape.sp2_code_bits = sp2_code_bits;
  return shape;
}

// Every weight in `weights` x every 8-bit activation x every psum in `psums` (plus one random),
// at a random quality (csd: every quality). Returns the vectors checked, -1 on a mismatch.
template <typename Model>
int64_t CheckPe(const ArrayShape& shape, const std::vector<PeWeight>& weights,
                std::vector<int64_t> psums) {
  PeRtl<Model> rtl(shape);
  std::mt19937_64 rng(static_cast<uint64_t>(shape.kind) * 7 + shape.acc_bits);
  std::uniform_int_distribution<int64_t> psum(golden::MinSigned(shape.acc_bits),
                                              golden::MaxSigned(shape.acc_bits));
  int64_t checked = 0;
  for (const PeWeight& w : weights) {
    rtl.Load(w);
    for (int32_t a = -128; a < 128; ++a) {
      psums.back() = psum(rng);
      for (int64_t p : psums) {
        // csd: every quality; other kinds: one random quality (ignored).
        const bool csd = shape.kind == MulKind::kCsd;
        const int q_first = csd ? 1 : static_cast<int>(1 + rng() % 8);
        for (int q = q_first; q <= (csd ? 8 : q_first); ++q) {
          const int64_t want =
              golden::SaturatingAdd(p, golden::PeProduct(shape, 0, w, a, q), shape.acc_bits);
          const int64_t got = rtl(a, p, q);
          ++checked;
          if (got != want) {
            ADD_FAILURE() << "kind " << static_cast<int>(shape.kind) << " acc_bits "
                          << shape.acc_bits << " weight " << w.value << " (terms shift1 "
                          << w.terms.shift1 << ") act " << a << " psum_in " << p << " quality " << q
                          << ": rtl " << got << ", golden " << want;
            return -1;
          }
        }
      }
    }
  }
  return checked;
}

std::vector<PeWeight> EveryWeight(int bits) {
  std::vector<PeWeight> weights;
  for (int32_t w = -(1 << (bits - 1)); w < (1 << (bits - 1)); ++w) weights.push_back({w, {}});
  return weights;
}

std::vector<PeWeight> EverySp2Code(int bits) {
  std::vector<PeWeight> weights;
  for (int code = 0; code < (1 << bits); ++code)
    weights.push_back({0, golden::Sp2Decode(code, bits)});
  return weights;
}

std::vector<int64_t> RailPsums(int acc_bits) {
  const int64_t hi = golden::MaxSigned(acc_bits), lo = golden::MinSigned(acc_bits);
  return {0, hi, hi - 100, lo, lo + 100, 0};  // the last is replaced by a random psum
}

void Report(int64_t checked) {
  ASSERT_GT(checked, 0);
  std::cout << checked << " vectors\n";
}

TEST(PeRtl, ExactPeMatchesGoldenForEveryWeightActivationAndRailPsum) {
  Report(
      CheckPe<Vpe_exact_w8a8_acc16>(PeShape(MulKind::kExact, 16), EveryWeight(8), RailPsums(16)));
}

TEST(PeRtl, CsdPeMatchesGoldenForEveryWeightActivationAndQuality) {
  Report(CheckPe<Vpe_csd_w8a8_acc16>(PeShape(MulKind::kCsd, 16), EveryWeight(8), {0, 32767, 0}));
}

TEST(PeRtl, Sp2PeMatchesGoldenForEvery4BitCodeActivationAndRailPsum) {
  Report(
      CheckPe<Vpe_sp2_c4a8_acc16>(PeShape(MulKind::kSp2, 16, 4), EverySp2Code(4), RailPsums(16)));
}

TEST(PeRtl, Sp2PeMatchesGoldenForEvery8BitCodeAndActivation) {
  Report(CheckPe<Vpe_sp2_c8a8_acc32>(PeShape(MulKind::kSp2, 32, 8), EverySp2Code(8),
                                     {golden::MaxSigned(32) - 1000000, 0}));
}

TEST(PeRtl, BitSerialPeMatchesGoldenForEveryWeightAndActivation) {
  Report(CheckPe<Vpe_bitserial_w8a8_acc16>(PeShape(MulKind::kBitSerial, 16), EveryWeight(8),
                                           {32000, 0}));
}

TEST(PeRtl, AnOutputIsValidOnlyWhenItsPsumAndItsProductAreBothValid) {
  // Valid bits of the activation and the psum toggle independently; psum_valid_o in cycle t+1
  // must be psum_valid_i(t) & act_valid_i(t - MulLatency).
  const int latency = golden::MulLatency(PeShape(MulKind::kExact, 16));
  Vpe_exact_w8a8_acc16 m;
  rtl_test::Reset(m);
  std::mt19937 rng(21);
  constexpr int kCycles = 20000;
  std::vector<bool> act_valid_at(kCycles);  // act_valid_i by cycle
  int64_t checked = 0;
  for (int t = 0; t < kCycles; ++t, ++checked) {
    act_valid_at[t] = rng() & 1;
    const bool psum_valid = rng() & 1;
    m.act_valid_i = act_valid_at[t];
    m.psum_valid_i = psum_valid;
    m.act_i = static_cast<uint8_t>(rng());
    m.psum_i = static_cast<uint16_t>(rng());
    rtl_test::Tick(m);
    const bool product_valid = t >= latency && act_valid_at[t - latency];
    ASSERT_EQ(m.psum_valid_o != 0, psum_valid && product_valid) << "cycle " << t;
  }
  std::cout << checked << " vectors\n";
}

}  // namespace
}  // namespace qscale
