// rtl/decoders/decoder_bank.sv against the golden decoders, column by column: random runs of
// each coding (int and MSQ fixed rows of every width, QSQ codes with random parameters, NUUQ
// indices through freshly loaded per-column tables, MSQ SP2 codes of every width in the SP2
// columns), random valid per column; every word must be golden::PackWeightWord of the golden
// decode one cycle later (kDecoderCycles), and hold while its column's valid is low.
#include <cstdint>
#include <iostream>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "Vdecoder_bank_c4w16msq8.h"
#include "Vdecoder_bank_c3w8.h"
#include "src/golden/array_config.h"
#include "src/golden/nuuq_decoder.h"
#include "src/golden/qsq_decoder.h"
#include "src/golden/sp2_decoder.h"
#include "src/golden/wrap.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

using rtl_test::GetField;
using rtl_test::SetField;

enum Coding { kInt = 0, kQsq = 1, kNuuq = 2, kMsq = 3 };

template <typename Model>
class BankTest {
 public:
  BankTest(int cols, int weight_bits, int sp2_cols, int sp2_code_bits, int index_bits)
      : cols_(cols), w_(weight_bits), index_bits_(index_bits) {
    shape_.rows = 1;
    shape_.cols = cols;
    shape_.weight_bits = weight_bits;
    shape_.sp2_cols = sp2_cols;
    shape_.sp2_code_bits = sp2_code_bits;
    code_bits_ = std::max(weight_bits, index_bits);
    word_bits_ = golden::WordBits(shape_);
    rtl_test::Reset(model_);
    expected_.assign(cols, 0);
    luts_.assign(cols, std::vector<int32_t>(1 << index_bits, 0));
  }

  // `cycles` random cycles of `coding`; returns the words checked.
  int64_t Run(Coding coding, int cycles) {
    model_.coding_i = coding;
    int levels = 0;
    if (coding == kNuuq) levels = LoadTables();
    model_.levels_i = static_cast<uint32_t>(levels);
    int64_t checked = 0;
    for (int cycle = 0; cycle < cycles; ++cycle) {
      std::vector<uint64_t> next = expected_;
      for (int c = 0; c < cols_; ++c) {
        const bool sp2 = c < shape_.sp2_cols;
        // SP2 columns decode MSQ codes only.
        const bool valid = (rng_() % 4 != 0) && (!sp2 || coding == kMsq);
        SetField(model_.valid_i, c, 1, valid);
        const uint32_t code = static_cast<uint32_t>(rng_());
        int bits = 1 + static_cast<int>(rng_() % w_);
        if (sp2) bits = 3 + static_cast<int>(rng_() % (shape_.sp2_code_bits - 2));
        const int p = w_ - 3;
        const int32_t scale = golden::WrapSigned(static_cast<int64_t>(rng_()), p);
        const int32_t mean = golden::WrapSigned(static_cast<int64_t>(rng_()), p);
        SetField(model_.code_i, c * code_bits_, code_bits_, code);
        SetField(model_.bits_i, c * 5, 5, bits);
        SetField(model_.scale_i, c * p, p, scale);
        SetField(model_.mean_i, c * p, p, mean);
        if (!valid) continue;
        golden::PeWeight weight;
        if (sp2) {
          weight.terms = golden::Sp2Decode(static_cast<int>(code & ((1u << bits) - 1)), bits);
        } else if (coding == kInt || coding == kMsq) {
          weight.value = golden::WrapSigned(code, bits);
        } else if (coding == kQsq) {
          weight.value = golden::QsqDecode(static_cast<int>(code & 7), scale, mean, p);
        } else {
          const int index = static_cast<int>(code & ((1u << index_bits_) - 1));
          const std::vector<int32_t> lut(luts_[c].begin(), luts_[c].begin() + levels);
          weight.value = golden::NuuqDecode(index, lut, w_);
        }
        next[c] = golden::PackWeightWord(shape_, c, weight);
      }
      rtl_test::Tick(model_);
      expected_ = next;
      for (int c = 0; c < cols_; ++c, ++checked) {
        const uint64_t got = GetField(model_.word_o, c * word_bits_, word_bits_);
        if (got != expected_[c]) {
          ADD_FAILURE() << "coding " << coding << " column " << c << " cycle " << cycle
                        << ": rtl 0x" << std::hex << got << ", golden 0x" << expected_[c];
          return -1;
        }
      }
    }
    return checked;
  }

 private:
  // Loads random tables (one per column) of a random N, one row per cycle; returns N.
  int LoadTables() {
    const int max_levels = 1 << index_bits_;
    const int levels = 2 + static_cast<int>(rng_() % (max_levels - 1));
    for (int c = 0; c < cols_; ++c) SetField(model_.valid_i, c, 1, 0);
    for (int e = 0; e < max_levels; ++e) {  // rows beyond N hold stale values
      model_.lut_we_i = 1;
      model_.lut_addr_i = static_cast<uint32_t>(e);
      for (int c = 0; c < cols_; ++c) {
        luts_[c][e] = golden::WrapSigned(static_cast<int64_t>(rng_()), w_);
        SetField(model_.lut_data_i, c * w_, w_, luts_[c][e]);
      }
      rtl_test::Tick(model_);
    }
    model_.lut_we_i = 0;
    return levels;
  }

  int cols_, w_, index_bits_, code_bits_ = 0, word_bits_ = 0;
  golden::ArrayShape shape_;
  Model model_;
  std::mt19937_64 rng_{11};
  std::vector<uint64_t> expected_;
  std::vector<std::vector<int32_t>> luts_;
};

template <typename Model>
void CheckEveryCoding(BankTest<Model>& bank) {
  int64_t checked = 0;
  for (int round = 0; round < 8; ++round) {
    for (Coding coding : {kInt, kQsq, kNuuq, kMsq}) {
      const int64_t n = bank.Run(coding, 2000);
      ASSERT_GT(n, 0);
      checked += n;
    }
  }
  std::cout << checked << " vectors\n";
}

TEST(DecoderBankRtl, EveryColumnDecodesLikeTheGoldenDecoderOfItsCodingAt16BitsWithSp2Columns) {
  BankTest<Vdecoder_bank_c4w16msq8> bank(4, 16, 2, 8, 8);
  CheckEveryCoding(bank);
}

TEST(DecoderBankRtl, EveryColumnDecodesLikeTheGoldenDecoderOfItsCodingAt8Bits) {
  BankTest<Vdecoder_bank_c3w8> bank(3, 8, 0, 4, 3);
  CheckEveryCoding(bank);
}

}  // namespace
}  // namespace qscale
