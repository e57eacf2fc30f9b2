// rtl/multipliers/mul_sp2.sv against golden::MulSp2: for every code width 3..8 with 8-bit
// activations, every combination of terms the shift fields can carry within the decoder's range
// (both signs, each term on or off, every shift 0..F-1 including shifts of disabled terms) times
// every activation; for 4- and 8-bit codes with 16-bit activations, every code times corner and
// seeded random activations. Latency: kMulSp2Latency.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <random>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "Vmul_sp2_c3a8.h"
#include "Vmul_sp2_c4a16.h"
#include "Vmul_sp2_c4a8.h"
#include "Vmul_sp2_c5a8.h"
#include "Vmul_sp2_c6a8.h"
#include "Vmul_sp2_c7a8.h"
#include "Vmul_sp2_c8a16.h"
#include "Vmul_sp2_c8a8.h"
#include "src/golden/mul_sp2.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

// The verilated multiplier behind golden::MulSp2(terms, act, act_bits)'s signature (code and
// activation widths fixed by the model): returns prod_o kMulSp2Latency cycles after the operands;
// throws if it moves earlier.
template <typename Model, int kCodeBits, int kActBits>
class MulSp2Rtl {
 public:
  static constexpr int kProdBits = kActBits + (1 << (kCodeBits / 2));  // Sp2ProductBits

  MulSp2Rtl() {
    rtl_test::Reset(model_);
    if (Product() != 0) throw std::logic_error("prod_o not 0 after reset");
  }

  int64_t operator()(const golden::Sp2Terms& terms, int32_t act) {
    model_.negative_i = terms.negative;
    model_.enable1_i = terms.enable1;
    model_.enable2_i = terms.enable2;
    model_.shift1_i = static_cast<uint8_t>(terms.shift1);
    model_.shift2_i = static_cast<uint8_t>(terms.shift2);
    rtl_test::SetField(model_.act_i, 0, kActBits, act);
    return rtl_test::RunLatency(model_, golden::kMulSp2Latency, [&] { return Product(); });
  }

 private:
  int64_t Product() const {
    return rtl_test::SignExtend(rtl_test::GetField(model_.prod_o, 0, kProdBits), kProdBits);
  }
  Model model_;
};

template <typename Rtl>
bool Check(Rtl& rtl, const golden::Sp2Terms& t, int32_t a, int code_bits, int act_bits,
           int64_t& checked) {
  const int64_t want = golden::MulSp2(t, a, act_bits);
  const int64_t got = rtl(t, a);
  ++checked;
  if (got == want) return true;
  ADD_FAILURE() << "code_bits=" << code_bits << " A=" << act_bits << " terms {negative "
                << t.negative << ", enable1 " << t.enable1 << ", enable2 " << t.enable2
                << ", shift1 " << t.shift1 << ", shift2 " << t.shift2 << "} act=" << a << ": rtl "
                << got << ", golden " << want;
  return false;
}

// Every sign x enable1 x enable2 x shift1 x shift2 (shifts 0..F-1) x every 8-bit activation.
template <typename Model, int kCodeBits>
int64_t CheckEveryTermsAndActivation() {
  MulSp2Rtl<Model, kCodeBits, 8> rtl;
  const int max_shift = golden::Sp2MaxExponent(golden::Sp2FormatForBits(kCodeBits)) - 1;
  int64_t checked = 0;
  for (int flags = 0; flags < 8; ++flags) {
    for (int s1 = 0; s1 <= max_shift; ++s1) {
      for (int s2 = 0; s2 <= max_shift; ++s2) {
        const golden::Sp2Terms t{(flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0, s1, s2};
        for (int32_t a = -128; a < 128; ++a) {
          if (!Check(rtl, t, a, kCodeBits, 8, checked)) return -1;
        }
      }
    }
  }
  return checked;
}

TEST(MulSp2Rtl, MatchesGoldenForEveryTermsAndActivationOfEveryCodeWidth) {
  int64_t checked = 0;
  for (int64_t n : {CheckEveryTermsAndActivation<Vmul_sp2_c3a8, 3>(),
                    CheckEveryTermsAndActivation<Vmul_sp2_c4a8, 4>(),
                    CheckEveryTermsAndActivation<Vmul_sp2_c5a8, 5>(),
                    CheckEveryTermsAndActivation<Vmul_sp2_c6a8, 6>(),
                    CheckEveryTermsAndActivation<Vmul_sp2_c7a8, 7>(),
                    CheckEveryTermsAndActivation<Vmul_sp2_c8a8, 8>()}) {
    ASSERT_GT(n, 0);
    checked += n;
  }
  std::cout << checked << " vectors\n";
}

// Every code of kCodeBits, decoded, times corners and enough seeded random 16-bit activations
// for at least 10^5 vectors.
template <typename Model, int kCodeBits>
void CheckEveryCodeAt16BitActivations() {
  MulSp2Rtl<Model, kCodeBits, 16> rtl;
  std::mt19937 rng(kCodeBits);
  std::vector<int32_t> acts = {-32768, -32767, -1, 0, 1, 32766, 32767};
  const int random_acts = std::max(1000, 100000 >> kCodeBits);
  for (int i = 0; i < random_acts; ++i) {
    acts.push_back(static_cast<int32_t>(rng() % 65536) - 32768);
  }
  int64_t checked = 0;
  for (int code = 0; code < (1 << kCodeBits); ++code) {
    const golden::Sp2Terms t = golden::Sp2Decode(code, kCodeBits);
    for (int32_t a : acts) {
      if (!Check(rtl, t, a, kCodeBits, 16, checked)) return;
    }
  }
  std::cout << checked << " vectors\n";
}

TEST(MulSp2Rtl, MatchesGoldenForEvery4BitCodeAt16BitActivations) {
  CheckEveryCodeAt16BitActivations<Vmul_sp2_c4a16, 4>();
}

TEST(MulSp2Rtl, MatchesGoldenForEvery8BitCodeAt16BitActivations) {
  CheckEveryCodeAt16BitActivations<Vmul_sp2_c8a16, 8>();
}

}  // namespace
}  // namespace qscale
