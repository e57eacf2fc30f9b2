// rtl/decoders/qsq_decoder.sv against golden::QsqDecode: exhaustive over every code, scale and
// mean at param_bits 8 (the accelerator's QSQ configuration) and 2; seeded random plus corners at
// 16; latency (kQsqDecoderLatency) and the valid/hold behaviour.
#include <cstdint>
#include <iostream>
#include <random>
#include <stdexcept>

#include <gtest/gtest.h>

#include "Vqsq_decoder_p16.h"
#include "Vqsq_decoder_p2.h"
#include "Vqsq_decoder_p8.h"
#include "src/golden/qsq_decoder.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

using rtl_test::Edge;
using rtl_test::Settle;
using rtl_test::SignExtend;

// The verilated decoder behind golden::QsqDecode's signature (param_bits fixed by the model).
// Each call presents the code with valid_i for one cycle and returns the output
// kQsqDecoderLatency cycles later; it throws if the output moves earlier or valid_o is not high.
template <typename Model, int kParamBits>
class QsqDecoderRtl {
 public:
  QsqDecoderRtl() { rtl_test::Reset(model_); }

  int32_t operator()(int code, int32_t scale, int32_t mean) {
    Drive(true, code, scale, mean);
    const int32_t weight =
        rtl_test::RunLatency(model_, golden::kQsqDecoderLatency, [&] { return Weight(); });
    if (!model_.valid_o) throw std::logic_error("valid_o low after a valid code");
    return weight;
  }

  Model& model() { return model_; }
  void Drive(bool valid, int code, int32_t scale, int32_t mean) {
    model_.valid_i = valid;
    model_.code_i = static_cast<uint8_t>(code & 7);
    rtl_test::SetField(model_.scale_i, 0, kParamBits, scale);
    rtl_test::SetField(model_.mean_i, 0, kParamBits, mean);
  }
  int32_t Weight() const {
    return static_cast<int32_t>(SignExtend(model_.weight_o, golden::QsqWeightBits(kParamBits)));
  }

 private:
  Model model_;
};

// Every code x scale x mean of a `kParamBits`-bit decoder.
template <typename Model, int kParamBits>
void CheckExhaustively() {
  QsqDecoderRtl<Model, kParamBits> rtl;
  const int lo = -(1 << (kParamBits - 1));
  const int hi = (1 << (kParamBits - 1)) - 1;
  int64_t checked = 0;
  for (int code = 0; code < 8; ++code) {
    for (int scale = lo; scale <= hi; ++scale) {
      for (int mean = lo; mean <= hi; ++mean, ++checked) {
        const int32_t want = golden::QsqDecode(code, scale, mean, kParamBits);
        ASSERT_EQ(rtl(code, scale, mean), want)
            << "P=" << kParamBits << " code=" << code << " scale=" << scale << " mean=" << mean;
      }
    }
  }
  std::cout << checked << " vectors\n";
}

TEST(QsqDecoderRtl, MatchesGoldenForEveryCodeScaleAndMeanAt8Bits) {
  CheckExhaustively<Vqsq_decoder_p8, 8>();
}

TEST(QsqDecoderRtl, MatchesGoldenForEveryCodeScaleAndMeanAt2Bits) {
  CheckExhaustively<Vqsq_decoder_p2, 2>();
}

TEST(QsqDecoderRtl, MatchesGoldenOnCornersAndSeededRandomAt16Bits) {
  QsqDecoderRtl<Vqsq_decoder_p16, 16> rtl;
  int64_t checked = 0;
  const int32_t corners[] = {-32768, -32767, -1, 0, 1, 32766, 32767};
  for (int code = 0; code < 8; ++code) {
    for (int32_t scale : corners) {
      for (int32_t mean : corners) {
        ASSERT_EQ(rtl(code, scale, mean), golden::QsqDecode(code, scale, mean, 16))
            << "code=" << code << " scale=" << scale << " mean=" << mean;
        ++checked;
      }
    }
  }
  std::mt19937_64 rng(16);
  std::uniform_int_distribution<int32_t> param(-32768, 32767);
  for (int i = 0; i < 200000; ++i, ++checked) {
    const int code = i & 7;
    const int32_t scale = param(rng);
    const int32_t mean = param(rng);
    ASSERT_EQ(rtl(code, scale, mean), golden::QsqDecode(code, scale, mean, 16))
        << "code=" << code << " scale=" << scale << " mean=" << mean;
  }
  std::cout << checked << " vectors\n";
}

TEST(QsqDecoderRtl, OutputHoldsWhileValidIsLowAndValidFollowsByOneCycle) {
  QsqDecoderRtl<Vqsq_decoder_p8, 8> rtl;
  std::mt19937 rng(3);
  int32_t held = 0;
  bool valid_before = false;
  int64_t checked = 0;
  for (int i = 0; i < 20000; ++i, ++checked) {
    const bool valid = (rng() & 3) != 0;
    const int code = static_cast<int>(rng() & 7);
    const int32_t scale = static_cast<int32_t>(rng() % 256) - 128;
    const int32_t mean = static_cast<int32_t>(rng() % 256) - 128;
    rtl.Drive(valid, code, scale, mean);
    Settle(rtl.model());
    ASSERT_EQ(rtl.Weight(), held) << "cycle " << i;
    ASSERT_EQ(rtl.model().valid_o != 0, valid_before) << "cycle " << i;
    Edge(rtl.model());
    if (valid) held = golden::QsqDecode(code, scale, mean, 8);
    valid_before = valid;
  }
  std::cout << checked << " vectors\n";
}

}  // namespace
}  // namespace qscale
