// rtl/common/acc_sat.sv against golden::SaturatingAdd: exhaustive at 8/8 bits, seeded random
// plus corners at 16/32 bits. Proves the Verilator --cc path end to end.
#include <cstdint>
#include <iostream>
#include <random>
#include <stdexcept>

#include <gtest/gtest.h>

#include "Vacc_sat_16x32.h"
#include "Vacc_sat_8x8.h"
#include "src/golden/saturate.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

// Drives one verilated acc_sat behind the golden signature: Step(addend) returns acc after the
// rising edge. Signed ports arrive zero-extended, so outputs are sign-extended here.
template <typename Model, int kInBits, int kAccBits>
class AccSatRtl {
 public:
  // Pulses rst_ni (a falling edge, so the asynchronous reset really fires) and checks acc_o = 0.
  AccSatRtl() {
    model_.clear_i = 0;
    model_.en_i = 0;
    model_.addend_i = 0;
    rtl_test::Reset(model_);
    if (model_.acc_o != 0) throw std::logic_error("acc_o not 0 after reset");
  }
  int64_t Clear() { return Cycle(/*clear=*/true, /*en=*/false, 0); }
  int64_t Step(int64_t addend) { return Cycle(false, true, addend); }
  int64_t Hold(int64_t addend) { return Cycle(false, false, addend); }

 private:
  int64_t Cycle(bool clear, bool en, int64_t addend) {
    model_.clear_i = clear;
    model_.en_i = en;
    model_.addend_i = static_cast<uint32_t>(addend) & ((uint64_t{1} << kInBits) - 1);
    model_.clk_i = 1;
    model_.eval();
    model_.clk_i = 0;
    model_.eval();
    const uint64_t raw = model_.acc_o;
    const int shift = 64 - kAccBits;
    return static_cast<int64_t>(raw << shift) >> shift;
  }
  Model model_;
};

TEST(AccSatRtl, MatchesGoldenForEveryStateAndAddendAt8Bits) {
  AccSatRtl<Vacc_sat_8x8, 8, 8> rtl;
  int64_t checked = 0;
  for (int state = -128; state < 128; ++state) {
    for (int addend = -128; addend < 128; ++addend, ++checked) {
      rtl.Clear();
      ASSERT_EQ(rtl.Step(state), state);
      const int64_t want = golden::SaturatingAdd(state, addend, 8);
      const int64_t got = rtl.Step(addend);
      ASSERT_EQ(got, want) << "acc=" << state << " addend=" << addend;
    }
  }
  std::cout << checked << " vectors\n";
}

TEST(AccSatRtl, MatchesGoldenOnSeededRandomRunsAt32Bits) {
  AccSatRtl<Vacc_sat_16x32, 16, 32> rtl;
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<int64_t> addend(-32768, 32767);
  std::uniform_int_distribution<int> action(0, 99);
  int64_t golden_acc = 0;
  int64_t checked = 0;
  // From reset (acc = 0), corners first: saturate at both rails, then come back.
  for (int64_t a : {32767, 32767, -32768}) {
    golden_acc = golden::SaturatingAdd(golden_acc, a, 32);
    ASSERT_EQ(rtl.Step(a), golden_acc);
  }
  for (int i = 0; i < 70000; ++i) {
    ASSERT_EQ(rtl.Step(32767), golden_acc = golden::SaturatingAdd(golden_acc, 32767, 32));
  }
  EXPECT_EQ(golden_acc, golden::MaxSigned(32));
  for (int i = 0; i < 140000; ++i) {
    ASSERT_EQ(rtl.Step(-32768), golden_acc = golden::SaturatingAdd(golden_acc, -32768, 32));
  }
  EXPECT_EQ(golden_acc, golden::MinSigned(32));
  for (int i = 0; i < 200000; ++i, ++checked) {
    const int a = action(rng);
    const int64_t x = addend(rng);
    int64_t got;
    if (a == 0) {
      golden_acc = 0;
      got = rtl.Clear();
    } else if (a < 5) {
      got = rtl.Hold(x);
    } else {
      golden_acc = golden::SaturatingAdd(golden_acc, x, 32);
      got = rtl.Step(x);
    }
    ASSERT_EQ(got, golden_acc) << "step " << i << " action " << a << " addend " << x;
  }
  std::cout << checked + 210003 << " vectors\n";
}

}  // namespace
}  // namespace qscale
