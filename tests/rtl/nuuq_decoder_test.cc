// rtl/decoders/nuuq_decoder.sv against golden::NuuqDecode: every index of the 2^IndexBits-row
// table for many level counts N and table contents (random, extremes, out-of-range values that
// the B-bit rows wrap, stale rows beyond N left by a larger table), at grid_bits 8 and 16 with an
// 8-bit index, and at a small 3-bit index / 5-bit grid; latency (kNuuqDecoderLatency), the load
// port's write-then-read timing and the valid/hold behaviour.
#include <cstdint>
#include <iostream>
#include <random>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "Vnuuq_decoder_i3g5.h"
#include "Vnuuq_decoder_i8g16.h"
#include "Vnuuq_decoder_i8g8.h"
#include "src/golden/nuuq_decoder.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

using rtl_test::Edge;
using rtl_test::Settle;
using rtl_test::SignExtend;

// The verilated decoder behind golden::NuuqDecode's signature: Load(lut) writes rows 0..N-1
// through the load port (one per cycle) and sets levels_i = N; operator()(index) decodes one
// index with valid_i and returns the output kNuuqDecoderLatency cycles later.
template <typename Model, int kIndexBits, int kGridBits>
class NuuqDecoderRtl {
 public:
  NuuqDecoderRtl() { rtl_test::Reset(model_); }

  void Load(const std::vector<int32_t>& lut) {
    model_.valid_i = 0;
    for (size_t row = 0; row < lut.size(); ++row) {
      Write(static_cast<int>(row), lut[row]);
      rtl_test::Tick(model_);
    }
    model_.lut_we_i = 0;
    model_.levels_i = static_cast<uint16_t>(lut.size());
  }

  int32_t operator()(int index) {
    model_.valid_i = 1;
    rtl_test::SetField(model_.index_i, 0, kIndexBits, index);
    const int32_t weight =
        rtl_test::RunLatency(model_, golden::kNuuqDecoderLatency, [&] { return Weight(); });
    if (!model_.valid_o) throw std::logic_error("valid_o low after a valid index");
    return weight;
  }

  void Write(int row, int32_t value) {
    model_.lut_we_i = 1;
    rtl_test::SetField(model_.lut_addr_i, 0, kIndexBits, row);
    rtl_test::SetField(model_.lut_data_i, 0, kGridBits, value);
  }
  int32_t Weight() const { return static_cast<int32_t>(SignExtend(model_.weight_o, kGridBits)); }
  Model& model() { return model_; }

 private:
  Model model_;
};

// Tables to try at `levels` N: random values, the grid's extremes, values outside the grid.
std::vector<std::vector<int32_t>> Tables(int levels, int grid_bits, std::mt19937& rng) {
  const int32_t lo = -(1 << (grid_bits - 1));
  const int32_t hi = (1 << (grid_bits - 1)) - 1;
  std::uniform_int_distribution<int32_t> grid(lo, hi);
  std::uniform_int_distribution<int32_t> wide(-(1 << 20), 1 << 20);
  std::vector<std::vector<int32_t>> tables(3, std::vector<int32_t>(static_cast<size_t>(levels)));
  for (size_t i = 0; i < tables[0].size(); ++i) {
    tables[0][i] = grid(rng);
    tables[1][i] = (i % 2 == 0) ? lo : hi;
    tables[2][i] = wide(rng);
  }
  return tables;
}

// For each N in `level_counts`: a full table of non-zero values first (so rows >= N are stale),
// then each of Tables(N); every index of the table decoded and compared.
template <typename Model, int kIndexBits, int kGridBits>
void CheckEveryIndex(const std::vector<int>& level_counts, int repeats) {
  NuuqDecoderRtl<Model, kIndexBits, kGridBits> rtl;
  std::mt19937 rng(kIndexBits * 100 + kGridBits);
  const int rows = 1 << kIndexBits;
  int64_t checked = 0;
  for (int repeat = 0; repeat < repeats; ++repeat) {
    for (int levels : level_counts) {
      rtl.Load(std::vector<int32_t>(static_cast<size_t>(rows), -1));
      for (const std::vector<int32_t>& lut : Tables(levels, kGridBits, rng)) {
        rtl.Load(lut);
        for (int index = 0; index < rows; ++index, ++checked) {
          ASSERT_EQ(rtl(index), golden::NuuqDecode(index, lut, kGridBits))
              << "N=" << levels << " B=" << kGridBits << " index=" << index
              << " lut[index]=" << (index < levels ? lut[static_cast<size_t>(index)] : 0);
        }
      }
    }
  }
  std::cout << checked << " vectors\n";
}

TEST(NuuqDecoderRtl, MatchesGoldenForEveryIndexAndManyTablesAt8BitGrid) {
  CheckEveryIndex<Vnuuq_decoder_i8g8, 8, 8>(
      {2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 128, 129, 200, 254, 255, 256}, 3);
}

TEST(NuuqDecoderRtl, MatchesGoldenForEveryIndexAndManyTablesAt16BitGrid) {
  CheckEveryIndex<Vnuuq_decoder_i8g16, 8, 16>({2, 3, 4, 5, 16, 100, 255, 256}, 17);
}

TEST(NuuqDecoderRtl, MatchesGoldenForEveryIndexAndTableSizeOfASmallTable) {
  CheckEveryIndex<Vnuuq_decoder_i3g5, 3, 5>({2, 3, 4, 5, 6, 7, 8}, 300);
}

TEST(NuuqDecoderRtl, WrittenRowIsReadFromTheNextCycle) {
  NuuqDecoderRtl<Vnuuq_decoder_i8g8, 8, 8> rtl;
  rtl.Load({10, 20, 30});
  // Cycle t: write row 1 = 77 and read row 1 -> the old value; cycle t+1 reads the new one.
  rtl.Write(1, 77);
  rtl.model().valid_i = 1;
  rtl.model().index_i = 1;
  rtl_test::Tick(rtl.model());
  EXPECT_EQ(rtl.Weight(), 20);
  rtl.model().lut_we_i = 0;
  rtl_test::Tick(rtl.model());
  EXPECT_EQ(rtl.Weight(), 77);
  std::cout << 2 << " vectors\n";
}

TEST(NuuqDecoderRtl, OutputHoldsWhileValidIsLowAndValidFollowsByOneCycle) {
  NuuqDecoderRtl<Vnuuq_decoder_i8g8, 8, 8> rtl;
  std::mt19937 rng(5);
  std::vector<int32_t> lut(200);
  for (int32_t& v : lut) v = static_cast<int32_t>(rng() % 256) - 128;
  rtl.Load(lut);
  int32_t held = 0;
  bool valid_before = false;
  int64_t checked = 0;
  for (int i = 0; i < 20000; ++i, ++checked) {
    const bool valid = (rng() & 3) != 0;
    const int index = static_cast<int>(rng() % 256);
    rtl.model().valid_i = valid;
    rtl.model().index_i = static_cast<uint8_t>(index);
    Settle(rtl.model());
    ASSERT_EQ(rtl.Weight(), held) << "cycle " << i;
    ASSERT_EQ(rtl.model().valid_o != 0, valid_before) << "cycle " << i;
    Edge(rtl.model());
    if (valid) held = golden::NuuqDecode(index, lut, 8);
    valid_before = valid;
  }
  std::cout << checked << " vectors\n";
}

}  // namespace
}  // namespace qscale
