// rtl/multipliers/mul_bitserial.sv against golden::MulBitSerial, cycle by cycle: every operand
// pair at 8 x 8 (NUUQ's grid) and 2 x 2, fed back to back; corners plus seeded random at 8 x 16
// and 16 x 16; random idle gaps with other operands offered while busy. Every product must come
// exactly BitSerialLatency(B) cycles after its operands were accepted, with in_ready low in
// between and operands accepted every BitSerialInitiationInterval(B) cycles.
#include <cstdint>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "Vmul_bitserial_w16a16.h"
#include "Vmul_bitserial_w2a2.h"
#include "Vmul_bitserial_w8a16.h"
#include "Vmul_bitserial_w8a8.h"
#include "src/golden/mul_bitserial.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

using rtl_test::Edge;
using rtl_test::SetField;
using rtl_test::Settle;

// The verilated multiplier behind golden::MulBitSerial's signature (widths fixed by the model).
// operator() offers the operands in the current cycle t0 (in_ready must be high), runs to cycle
// t0 + B and returns prod_o there, checking the handshake on every cycle in between; the next
// call offers its operands in that same cycle (back to back). Idle() spends one cycle with
// in_valid low. With `noisy`, random other operands are offered while busy and must be ignored.
// A violation throws std::logic_error naming the cycle.
template <typename Model, int kWeightBits, int kActBits>
class MulBitSerialRtl {
 public:
  static constexpr int kProdBits = kWeightBits + kActBits;

  explicit MulBitSerialRtl(bool noisy = false) : noisy_(noisy) {
    rtl_test::Reset(model_);
    Require(model_.in_ready_o && !model_.out_valid_o && Product() == 0,
            "in_ready_o 1, out_valid_o 0, prod_o 0 after reset", 0);
  }

  int64_t operator()(int32_t weight, int32_t act) {
    Offer(true, weight, act);
    Settle(model_);
    Require(model_.in_ready_o, "in_ready_o high when offered", 0);
    Edge(model_);
    for (int k = 1; k < golden::BitSerialLatency(kWeightBits); ++k) {
      if (noisy_) {
        Offer(true, static_cast<int32_t>(noise_()), static_cast<int32_t>(noise_()));
      } else {
        Offer(false, 0, 0);
      }
      Settle(model_);
      Require(!model_.in_ready_o, "in_ready_o low while busy", k);
      Require(!model_.out_valid_o, "out_valid_o low while busy", k);
      Require(Product() == last_, "prod_o holding while busy", k);
      Edge(model_);
    }
    Offer(false, 0, 0);
    Settle(model_);
    Require(model_.out_valid_o, "out_valid_o high at t0 + B", kWeightBits);
    Require(model_.in_ready_o, "in_ready_o high at t0 + B", kWeightBits);
    return last_ = Product();
  }

  void Idle() {
    Offer(false, 0, 0);
    Settle(model_);
    Edge(model_);
    Settle(model_);
    Require(!model_.out_valid_o, "out_valid_o low when idle", 0);
    Require(model_.in_ready_o, "in_ready_o high when idle", 0);
    Require(Product() == last_, "prod_o holding when idle", 0);
  }

 private:
  void Offer(bool valid, int32_t weight, int32_t act) {
    model_.in_valid_i = valid;
    SetField(model_.weight_i, 0, kWeightBits, weight);
    SetField(model_.act_i, 0, kActBits, act);
  }
  void Require(bool ok, const char* what, int cycle) const {
    if (!ok)
      throw std::logic_error(std::string("expected ") + what + " (cycle t0 + " +
                             std::to_string(cycle) + ")");
  }
  int64_t Product() const {
    return rtl_test::SignExtend(rtl_test::GetField(model_.prod_o, 0, kProdBits), kProdBits);
  }

  Model model_;
  bool noisy_;
  std::mt19937 noise_{99};
  int64_t last_ = 0;
};

template <typename Rtl>
bool Check(Rtl& rtl, int32_t w, int32_t a, int wb, int ab, int64_t& checked) {
  const int64_t want = golden::MulBitSerial(w, a, wb, ab);
  const int64_t got = rtl(w, a);
  ++checked;
  if (got == want) return true;
  ADD_FAILURE() << "B=" << wb << " A=" << ab << " weight=" << w << " act=" << a << ": rtl " << got
                << ", golden " << want;
  return false;
}

template <typename Model, int kWeightBits, int kActBits>
void CheckEveryPairBackToBack() {
  MulBitSerialRtl<Model, kWeightBits, kActBits> rtl;
  int64_t checked = 0;
  for (int32_t w = -(1 << (kWeightBits - 1)); w < (1 << (kWeightBits - 1)); ++w) {
    for (int32_t a = -(1 << (kActBits - 1)); a < (1 << (kActBits - 1)); ++a) {
      if (!Check(rtl, w, a, kWeightBits, kActBits, checked)) return;
    }
  }
  std::cout << checked << " vectors\n";
}

template <typename Model, int kWeightBits, int kActBits>
void CheckCornersAndRandom(int count) {
  MulBitSerialRtl<Model, kWeightBits, kActBits> rtl;
  int64_t checked = 0;
  const int32_t w_lo = -(1 << (kWeightBits - 1)), a_lo = -(1 << (kActBits - 1));
  const std::vector<int32_t> w_corners = {w_lo, w_lo + 1, -1, 0, 1, -w_lo - 1};
  const std::vector<int32_t> a_corners = {a_lo, a_lo + 1, -1, 0, 1, -a_lo - 1};
  for (int32_t w : w_corners) {
    for (int32_t a : a_corners) {
      if (!Check(rtl, w, a, kWeightBits, kActBits, checked)) return;
    }
  }
  std::mt19937_64 rng(static_cast<uint64_t>(kWeightBits * 100 + kActBits));
  std::uniform_int_distribution<int32_t> weight(w_lo, -w_lo - 1), act(a_lo, -a_lo - 1);
  for (int i = 0; i < count; ++i) {
    if (!Check(rtl, weight(rng), act(rng), kWeightBits, kActBits, checked)) return;
  }
  std::cout << checked << " vectors\n";
}

TEST(MulBitSerialRtl, MatchesGoldenForEveryOperandPairBackToBackAt8x8) {
  CheckEveryPairBackToBack<Vmul_bitserial_w8a8, 8, 8>();
}

TEST(MulBitSerialRtl, MatchesGoldenForEveryOperandPairBackToBackAt2x2) {
  CheckEveryPairBackToBack<Vmul_bitserial_w2a2, 2, 2>();
}

TEST(MulBitSerialRtl, MatchesGoldenOnCornersAndSeededRandomAt8x16) {
  CheckCornersAndRandom<Vmul_bitserial_w8a16, 8, 16>(200000);
}

TEST(MulBitSerialRtl, MatchesGoldenOnCornersAndSeededRandomAt16x16) {
  CheckCornersAndRandom<Vmul_bitserial_w16a16, 16, 16>(100000);
}

TEST(MulBitSerialRtl, IgnoresOffersWhileBusyAndHoldsItsProductThroughIdleGaps) {
  MulBitSerialRtl<Vmul_bitserial_w8a8, 8, 8> rtl(/*noisy=*/true);
  std::mt19937 rng(11);
  int64_t checked = 0;
  for (int i = 0; i < 20000; ++i) {
    const int gap = static_cast<int>(rng() % 4);
    for (int g = 0; g < gap; ++g) rtl.Idle();
    const int32_t w = static_cast<int32_t>(rng() % 256) - 128;
    const int32_t a = static_cast<int32_t>(rng() % 256) - 128;
    if (!Check(rtl, w, a, 8, 8, checked)) return;
  }
  std::cout << checked << " vectors\n";
}

}  // namespace
}  // namespace qscale
