// Random stimulus for the array tests (tests/rtl/pe_array_test.cc, pe_array_os_test.cc) and the
// comparison of the outputs an RTL array raised with the ones the tile oracle predicts.
#ifndef QSCALE_TESTS_RTL_ARRAY_TEST_SUPPORT_H_
#define QSCALE_TESTS_RTL_ARRAY_TEST_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/golden/array_config.h"
#include "src/golden/os_array.h"
#include "src/golden/saturate.h"
#include "src/golden/sp2_decoder.h"
#include "src/golden/ws_array.h"
#include "tests/rtl/verilated_port.h"

namespace qscale::rtl_test {

using Rng = std::mt19937_64;

// Cycles an array test runs past the oracle's last output, to catch late or stray outputs.
inline constexpr int64_t kSlackCycles = 20;

// The shape of a verilated array model, as its CMake parameters set it.
inline golden::ArrayShape MakeShape(int rows, int cols, golden::MulKind kind, int weight_bits,
                                    int act_bits, int acc_bits, int sp2_cols = 0,
                                    int sp2_code_bits = 4) {
  golden::ArrayShape shape;
  shape.rows = rows;
  shape.cols = cols;
  shape.kind = kind;
  shape.weight_bits = weight_bits;
  shape.act_bits = act_bits;
  shape.acc_bits = acc_bits;
  shape.sp2_cols = sp2_cols;
  shape.sp2_code_bits = sp2_code_bits;
  return shape;
}

// Runs an array model from reset for plan.size() cycles: drive(model, plan[t]) sets cycle t's
// inputs; every column whose psum_valid_o is high during the cycle is recorded with psum_o.
template <typename Model, typename Cycle, typename Drive>
std::vector<golden::ArrayOutput> RunArray(Model& model, const golden::ArrayShape& shape,
                                          int quality, const std::vector<Cycle>& plan,
                                          const Drive& drive) {
  Reset(model);
  for (int c = 0; c < shape.cols; ++c) {
    if (GetField(model.psum_valid_o, c, 1) ||
        GetField(model.psum_o, c * shape.acc_bits, shape.acc_bits)) {
      throw std::logic_error("psum_valid_o / psum_o not 0 after reset");
    }
  }
  model.quality_i = static_cast<uint8_t>(quality);
  std::vector<golden::ArrayOutput> outputs;
  for (size_t t = 0; t < plan.size(); ++t) {
    drive(model, plan[t]);
    Settle(model);
    for (int c = 0; c < shape.cols; ++c) {
      if (GetField(model.psum_valid_o, c, 1)) {
        outputs.push_back({static_cast<int64_t>(t), 0, 0, c,
                           GetSigned(model.psum_o, c * shape.acc_bits, shape.acc_bits)});
      }
    }
    Edge(model);
  }
  return outputs;
}

// A signed `bits`-wide value: one time in four an extreme (min, min + 1, -1, 0, 1, max), else
// uniform.
inline int64_t RandomSigned(int bits, Rng& rng) {
  const int64_t lo = golden::MinSigned(bits), hi = golden::MaxSigned(bits);
  if (rng() % 4 == 0) {
    const int64_t extremes[] = {lo, lo + 1, -1, 0, 1, hi};
    return extremes[rng() % 6];
  }
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

// A weight for column `col`: a random code's SP2 terms, or a random weight_bits value.
inline golden::PeWeight RandomPeWeight(const golden::ArrayShape& shape, int col, Rng& rng) {
  if (golden::ColumnKind(shape, col) == golden::MulKind::kSp2) {
    const int code = static_cast<int>(rng() % (1u << shape.sp2_code_bits));
    return {0, golden::Sp2Decode(code, shape.sp2_code_bits)};
  }
  return {static_cast<int32_t>(RandomSigned(shape.weight_bits, rng)), {}};
}

inline golden::WsFold RandomWsFold(const golden::ArrayShape& shape, int vectors, Rng& rng) {
  golden::WsFold fold;
  fold.weights.resize(static_cast<size_t>(shape.rows));
  for (auto& row : fold.weights) {
    for (int c = 0; c < shape.cols; ++c) row.push_back(RandomPeWeight(shape, c, rng));
  }
  for (int m = 0; m < vectors; ++m) {
    fold.acts.emplace_back();
    for (int r = 0; r < shape.rows; ++r) {
      fold.acts.back().push_back(static_cast<int32_t>(RandomSigned(shape.act_bits, rng)));
    }
    fold.psums.emplace_back();
    for (int c = 0; c < shape.cols; ++c) {
      fold.psums.back().push_back(RandomSigned(shape.acc_bits, rng));
    }
  }
  return fold;
}

inline golden::OsTile RandomOsTile(const golden::ArrayShape& shape, int steps, Rng& rng) {
  golden::OsTile tile;
  for (int k = 0; k < steps; ++k) {
    tile.weights.emplace_back();
    for (int c = 0; c < shape.cols; ++c)
      tile.weights.back().push_back(RandomPeWeight(shape, c, rng));
  }
  for (int r = 0; r < shape.rows; ++r) {
    tile.acts.emplace_back();
    for (int k = 0; k < steps; ++k) {
      tile.acts.back().push_back(static_cast<int32_t>(RandomSigned(shape.act_bits, rng)));
    }
    tile.inits.emplace_back();
    for (int c = 0; c < shape.cols; ++c)
      tile.inits.back().push_back(RandomSigned(shape.acc_bits, rng));
  }
  return tile;
}

// Empty when the RTL raised exactly the predicted outputs (same cycle, column and value, in
// order); else a description of the first difference, with the block and index the oracle
// assigned to the expected output.
inline std::string CompareOutputs(const std::vector<golden::ArrayOutput>& rtl,
                                  const std::vector<golden::ArrayOutput>& golden) {
  std::ostringstream why;
  for (size_t i = 0; i < rtl.size() || i < golden.size(); ++i) {
    if (i < rtl.size() && i < golden.size() && rtl[i].cycle == golden[i].cycle &&
        rtl[i].col == golden[i].col && rtl[i].value == golden[i].value) {
      continue;
    }
    why << "output #" << i << ": ";
    if (i < golden.size()) {
      const golden::ArrayOutput& g = golden[i];
      why << "golden block " << g.block << " index " << g.index << " col " << g.col << " = "
          << g.value << " in cycle " << g.cycle;
    } else {
      why << "golden has no more outputs";
    }
    if (i < rtl.size()) {
      why << "; rtl col " << rtl[i].col << " = " << rtl[i].value << " in cycle " << rtl[i].cycle;
    } else {
      why << "; rtl raised no more outputs";
    }
    return why.str();
  }
  return "";
}

// `runs` seeded random runs of 1..max_blocks blocks (WS folds / OS tiles) made by
// make_block(length, rng) with 1..max_length vectors or steps each, at a random quality 1..8:
// golden(quality, blocks) and rtl(quality, blocks) must raise the same outputs in the same
// cycles. Prints the number of outputs compared.
template <typename Block, typename MakeBlock, typename Golden, typename Rtl>
void CheckRandomRuns(int runs, int max_blocks, int max_length, uint64_t seed,
                     const MakeBlock& make_block, const Golden& golden, Rtl& rtl) {
  Rng rng(seed);
  int64_t checked = 0;
  for (int run = 0; run < runs; ++run) {
    std::vector<Block> blocks(1 + rng() % static_cast<uint64_t>(max_blocks));
    for (Block& block : blocks) block = make_block(1 + static_cast<int>(rng() % max_length), rng);
    const int quality = 1 + static_cast<int>(rng() % 8);
    const std::vector<golden::ArrayOutput> want = golden(quality, blocks);
    const std::string why = CompareOutputs(rtl(quality, blocks), want);
    ASSERT_EQ(why, "") << "run " << run << " (" << blocks.size() << " blocks, quality " << quality
                       << ")";
    checked += static_cast<int64_t>(want.size());
  }
  std::cout << checked << " vectors\n";
}

}  // namespace qscale::rtl_test

#endif  // QSCALE_TESTS_RTL_ARRAY_TEST_SUPPORT_H_
