// rtl/decoders/sp2_decoder.sv against golden::Sp2Decode: every code of every width 3..8 (each a
// model), latency (kSp2DecoderLatency) and the valid/hold behaviour.
#include <cstdint>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "Vsp2_decoder_c3.h"
#include "Vsp2_decoder_c4.h"
#include "Vsp2_decoder_c5.h"
#include "Vsp2_decoder_c6.h"
#include "Vsp2_decoder_c7.h"
#include "Vsp2_decoder_c8.h"
#include "src/golden/sp2_decoder.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

using rtl_test::Edge;
using rtl_test::Settle;

bool operator==(const golden::Sp2Terms& a, const golden::Sp2Terms& b) {
  return a.negative == b.negative && a.enable1 == b.enable1 && a.enable2 == b.enable2 &&
         a.shift1 == b.shift1 && a.shift2 == b.shift2;
}

std::string Describe(const golden::Sp2Terms& t) {
  return "{negative " + std::to_string(t.negative) + ", enable1 " + std::to_string(t.enable1) +
         ", enable2 " + std::to_string(t.enable2) + ", shift1 " + std::to_string(t.shift1) +
         ", shift2 " + std::to_string(t.shift2) + "}";
}

// The verilated decoder behind golden::Sp2Decode's signature (code width fixed by the model):
// presents the code with valid_i and returns the terms kSp2DecoderLatency cycles later.
template <typename Model>
class Sp2DecoderRtl {
 public:
  Sp2DecoderRtl() { rtl_test::Reset(model_); }

  golden::Sp2Terms operator()(int code) {
    Drive(true, code);
    // The terms as one integer (comparable), unpacked after the latency.
    const uint32_t packed = rtl_test::RunLatency(model_, golden::kSp2DecoderLatency, [&] {
      return static_cast<uint32_t>(model_.negative_o << 10 | model_.enable1_o << 9 |
                                   model_.enable2_o << 8 | model_.shift1_o << 4 | model_.shift2_o);
    });
    if (!model_.valid_o) throw std::logic_error("valid_o low after a valid code");
    return {(packed >> 10 & 1) != 0, (packed >> 9 & 1) != 0, (packed >> 8 & 1) != 0,
            static_cast<int>(packed >> 4 & 15), static_cast<int>(packed & 15)};
  }

  void Drive(bool valid, int code) {
    model_.valid_i = valid;
    model_.code_i = static_cast<uint8_t>(code);
  }
  golden::Sp2Terms Terms() const {
    return {model_.negative_o != 0, model_.enable1_o != 0, model_.enable2_o != 0, model_.shift1_o,
            model_.shift2_o};
  }
  Model& model() { return model_; }

 private:
  Model model_;
};

template <typename Model, int kBits>
int64_t CheckEveryCode() {
  Sp2DecoderRtl<Model> rtl;
  for (int code = 0; code < (1 << kBits); ++code) {
    const golden::Sp2Terms got = rtl(code);
    const golden::Sp2Terms want = golden::Sp2Decode(code, kBits);
    EXPECT_TRUE(got == want) << "bits=" << kBits << " code=" << code << ": rtl " << Describe(got)
                             << ", golden " << Describe(want);
    if (!(got == want)) return -1;
  }
  return 1 << kBits;
}

TEST(Sp2DecoderRtl, MatchesGoldenForEveryCodeOfEveryWidth) {
  int64_t checked = 0;
  for (int64_t n : {CheckEveryCode<Vsp2_decoder_c3, 3>(), CheckEveryCode<Vsp2_decoder_c4, 4>(),
                    CheckEveryCode<Vsp2_decoder_c5, 5>(), CheckEveryCode<Vsp2_decoder_c6, 6>(),
                    CheckEveryCode<Vsp2_decoder_c7, 7>(), CheckEveryCode<Vsp2_decoder_c8, 8>()}) {
    ASSERT_GT(n, 0);
    checked += n;
  }
  std::cout << checked << " vectors\n";
}

TEST(Sp2DecoderRtl, OutputHoldsWhileValidIsLowAndValidFollowsByOneCycle) {
  Sp2DecoderRtl<Vsp2_decoder_c8> rtl;
  std::mt19937 rng(8);
  golden::Sp2Terms held;
  bool valid_before = false;
  int64_t checked = 0;
  for (int i = 0; i < 20000; ++i, ++checked) {
    const bool valid = (rng() & 3) != 0;
    const int code = static_cast<int>(rng() & 255);
    rtl.Drive(valid, code);
    Settle(rtl.model());
    ASSERT_TRUE(rtl.Terms() == held)
        << "cycle " << i << ": " << Describe(rtl.Terms()) << " vs " << Describe(held);
    ASSERT_EQ(rtl.model().valid_o != 0, valid_before) << "cycle " << i;
    Edge(rtl.model());
    if (valid) held = golden::Sp2Decode(code, 8);
    valid_before = valid;
  }
  std::cout << checked << " vectors\n";
}

}  // namespace
}  // namespace qscale
