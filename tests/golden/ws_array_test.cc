// The weight-stationary array oracle (ws_array.h): hand-worked values and cycles, the order of
// saturating adds, the fold schedule and its closed form.
#include "src/golden/ws_array.h"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace qscale::golden {
namespace {

ArrayShape Exact2x2Acc8() {
  ArrayShape shape;
  shape.rows = 2;
  shape.cols = 2;
  shape.acc_bits = 8;
  return shape;
}

WsFold HandFold() {
  WsFold fold;
  fold.weights = {{{2, {}}, {-1, {}}}, {{3, {}}, {100, {}}}};  // w[k][c]
  fold.acts = {{10, 20}, {100, -1}};
  fold.psums = {{1, -5}, {120, -128}};
  return fold;
}

TEST(WsArray, HandWorkedFoldGivesItsValuesAtTheirCycles) {
  const std::vector<ArrayOutput> out = RunWsFolds(Exact2x2Acc8(), 1, {HandFold()});
  // Output (m, c) leaves in 1 + m + 2 + c + 1 = 4 + m + c.
  // m = 0: col 0: 1 + 20 + 60 = 81; col 1: -5 - 10 + 2000 -> 127.
  // m = 1: col 0: 120 + 200 -> 127, then 127 - 3 = 124; col 1: -128 - 100 -> -128, -100 -> -128.
  ASSERT_EQ(out.size(), 4u);
  const std::vector<std::vector<int64_t>> want = {
      {4, 0, 0, 81}, {5, 1, 0, 124}, {5, 0, 1, 127}, {6, 1, 1, -128}};
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(out[i].cycle, want[i][0]) << i;
    EXPECT_EQ(out[i].index, want[i][1]) << i;
    EXPECT_EQ(out[i].col, want[i][2]) << i;
    EXPECT_EQ(out[i].value, want[i][3]) << i;
  }
}

TEST(WsArray, SaturatingAddsRunInRowOrder) {
  // 120 + 100 saturates to 127 before -100 comes: 27. The other order would give 120.
  WsFold fold;
  fold.weights = {{{100, {}}}, {{-100, {}}}};
  fold.acts = {{1, 1}};
  fold.psums = {{120}};
  ArrayShape shape = Exact2x2Acc8();
  shape.cols = 1;
  EXPECT_EQ(RunWsFolds(shape, 1, {fold}).at(0).value, 27);
}

TEST(WsArray, ScheduleFollowsTheFormulas) {
  ArrayShape shape;
  shape.rows = 4;
  shape.cols = 3;
  const WsFoldTiming first = WsFirstFold(5);
  EXPECT_EQ(first.load_start, 0);
  EXPECT_EQ(first.first_act, 1);
  EXPECT_EQ(WsLoadCycles(shape), 4);
  EXPECT_EQ(WsLoadCycle(first, 3), 3);
  EXPECT_EQ(WsActCycle(shape, first, 2, 3), 1 + 2 + 3);
  EXPECT_EQ(WsPsumInCycle(shape, first, 2, 1), 1 + 2 + 1 + 1);
  EXPECT_EQ(WsOutputCycle(shape, first, 2, 1), 1 + 2 + 4 + 1 + 1);
  const WsFoldTiming next = WsNextFold(shape, first, 7);
  EXPECT_EQ(next.first_act, 1 + 4 + 3);  // + (M-1)*II + max(C, II)
  EXPECT_EQ(next.load_start, next.first_act - 1);
  // One vector: the load port (4 rows) is the bottleneck, not the 3 columns.
  EXPECT_EQ(WsFoldPeriod(shape, 1), 4);
  EXPECT_EQ(WsNextFold(shape, WsFirstFold(1), 1).load_start, 4);
  shape.kind = MulKind::kBitSerial;  // II = L = 8 > C
  EXPECT_EQ(WsOutputCycle(shape, first, 2, 1), 1 + 16 + 4 + 1 + 8);
  EXPECT_EQ(WsNextFold(shape, first, 1).first_act, 1 + 4 * 8 + 8);
  EXPECT_THROW(WsFirstFold(0), std::invalid_argument);
}

TEST(WsArray, RunCyclesMatchTheClosedForm) {
  std::mt19937 rng(4);
  for (int i = 0; i < 200; ++i) {
    ArrayShape shape;
    shape.rows = 1 + static_cast<int>(rng() % 16);
    shape.cols = 1 + static_cast<int>(rng() % 16);
    shape.kind = (rng() & 1) ? MulKind::kBitSerial : MulKind::kCsd;
    shape.weight_bits = 2 + static_cast<int>(rng() % 15);
    const int64_t folds = 1 + static_cast<int64_t>(rng() % 5);
    const int64_t m = 1 + static_cast<int64_t>(rng() % 40);
    std::vector<WsFoldTiming> timings = {WsFirstFold(m)};
    while (static_cast<int64_t>(timings.size()) < folds) {
      timings.push_back(WsNextFold(shape, timings.back(), m));
    }
    const int64_t ii = StepInterval(shape), l = MulLatency(shape);
    const int64_t period =
        std::max<int64_t>((m - 1) * ii + std::max<int64_t>(shape.cols, ii), shape.rows);
    const int64_t closed = (folds - 1) * period + (m - 1) * ii + shape.rows + shape.cols + l + 1;
    EXPECT_EQ(WsRunCycles(shape, timings), closed);
  }
}

TEST(WsArray, SecondFoldStartsWhenTheFirstHasUsedItsWeights) {
  const std::vector<ArrayOutput> out = RunWsFolds(Exact2x2Acc8(), 1, {HandFold(), HandFold()});
  ASSERT_EQ(out.size(), 8u);
  // Fold 1 starts at first_act = 1 + 1 + 2 = 4: its outputs are 3 cycles after fold 0's.
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(out[i + 4].cycle, out[i].cycle + 3);
    EXPECT_EQ(out[i + 4].block, 1);
    EXPECT_EQ(out[i + 4].value, out[i].value);
  }
  EXPECT_EQ(WsRunCycles(Exact2x2Acc8(), WsSchedule(Exact2x2Acc8(), {HandFold(), HandFold()})), 10);
}

TEST(WsArray, FoldsThatDoNotFitTheArrayAreRejected) {
  WsFold fold = HandFold();
  fold.acts[1].pop_back();
  EXPECT_THROW(RunWsFolds(Exact2x2Acc8(), 1, {fold}), std::invalid_argument);
  fold = HandFold();
  fold.acts.clear();
  fold.psums.clear();
  EXPECT_THROW(RunWsFolds(Exact2x2Acc8(), 1, {fold}), std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
