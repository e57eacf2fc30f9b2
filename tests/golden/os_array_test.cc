// The output-stationary array oracle (os_array.h): hand-worked values and cycles, the order of
// saturating adds, the tile schedule and its closed form.
#include "src/golden/os_array.h"

#include <random>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace qscale::golden {
namespace {

ArrayShape Exact2x1Acc8() {
  ArrayShape shape;
  shape.rows = 2;
  shape.cols = 1;
  shape.acc_bits = 8;
  return shape;
}

OsTile HandTile() {
  OsTile tile;
  tile.weights = {{{3, {}}}, {{-2, {}}}};  // w[k][0]
  tile.acts = {{10, 5}, {50, 1}};          // x[r][k]
  tile.inits = {{0}, {100}};
  return tile;
}

TEST(OsArray, HandWorkedTileGivesItsValuesAtTheirCycles) {
  const std::vector<ArrayOutput> out = RunOsTiles(Exact2x1Acc8(), 1, {HandTile()});
  // T = 2, D = 2 + 1 + 2 + 1 + 1 = 7; row r leaves in 7 + 1 - r.
  // Row 0: 0 + 30 - 10 = 20. Row 1: 100 + 150 -> 127, then 127 - 2 = 125 (step order).
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].cycle, 7);
  EXPECT_EQ(out[0].index, 1);
  EXPECT_EQ(out[0].value, 125);
  EXPECT_EQ(out[1].cycle, 8);
  EXPECT_EQ(out[1].index, 0);
  EXPECT_EQ(out[1].value, 20);
  EXPECT_EQ(OsRunCycles(Exact2x1Acc8(), OsSchedule(Exact2x1Acc8(), {HandTile()})), 9);
}

TEST(OsArray, ScheduleFollowsTheFormulas) {
  ArrayShape shape;
  shape.rows = 4;
  shape.cols = 3;
  const OsTileTiming first = OsFirstTile(shape, 6);
  EXPECT_EQ(first.shift_start, 0);
  EXPECT_EQ(first.first_step, 4);
  EXPECT_EQ(OsShiftCycles(shape), 4);
  EXPECT_EQ(OsInitCycle(shape, first, 0), 3);
  EXPECT_EQ(OsInitCycle(shape, first, 3), 0);
  EXPECT_EQ(OsActCycle(shape, first, 2, 1), 4 + 2 + 1);
  EXPECT_EQ(OsWeightCycle(shape, first, 2, 2), 4 + 2 + 2);
  EXPECT_EQ(OsDrainStart(shape, first), 4 + 5 + 4 + 3 + 1);
  EXPECT_EQ(OsOutputCycle(shape, first, 0), 17 + 3);
  const OsTileTiming next = OsNextTile(shape, first, 2);
  EXPECT_EQ(next.shift_start, 17);
  EXPECT_EQ(next.first_step, 21);
  shape.kind = MulKind::kBitSerial;  // II = L = 8
  EXPECT_EQ(OsDrainStart(shape, first), 4 + 5 * 8 + 4 + 3 + 8);
  EXPECT_THROW(OsFirstTile(shape, 0), std::invalid_argument);
}

TEST(OsArray, RunCyclesMatchTheClosedForm) {
  std::mt19937 rng(5);
  for (int i = 0; i < 200; ++i) {
    ArrayShape shape;
    shape.rows = 1 + static_cast<int>(rng() % 16);
    shape.cols = 1 + static_cast<int>(rng() % 16);
    shape.kind = (rng() & 1) ? MulKind::kBitSerial : MulKind::kExact;
    shape.weight_bits = 2 + static_cast<int>(rng() % 15);
    const int64_t tiles = 1 + static_cast<int64_t>(rng() % 5);
    const int64_t k = 1 + static_cast<int64_t>(rng() % 40);
    std::vector<OsTileTiming> timings = {OsFirstTile(shape, k)};
    while (static_cast<int64_t>(timings.size()) < tiles) {
      timings.push_back(OsNextTile(shape, timings.back(), k));
    }
    const int64_t closed = shape.rows + tiles * ((k - 1) * StepInterval(shape) + 2 * shape.rows +
                                                 shape.cols + MulLatency(shape));
    EXPECT_EQ(OsRunCycles(shape, timings), closed);
  }
}

TEST(OsArray, SecondTileDrainsOneTilePeriodLater) {
  const std::vector<ArrayOutput> out = RunOsTiles(Exact2x1Acc8(), 1, {HandTile(), HandTile()});
  ASSERT_EQ(out.size(), 4u);
  // Period: (K-1)*II + 2R + C + L = 1 + 4 + 1 + 1 = 7.
  EXPECT_EQ(out[2].cycle, out[0].cycle + 7);
  EXPECT_EQ(out[3].cycle, out[1].cycle + 7);
  EXPECT_EQ(out[3].block, 1);
  EXPECT_EQ(out[3].value, 20);
}

TEST(OsArray, TilesThatDoNotFitTheArrayAreRejected) {
  OsTile tile = HandTile();
  tile.acts[0].push_back(1);
  EXPECT_THROW(RunOsTiles(Exact2x1Acc8(), 1, {tile}), std::invalid_argument);
  tile = HandTile();
  tile.inits.pop_back();
  EXPECT_THROW(RunOsTiles(Exact2x1Acc8(), 1, {tile}), std::invalid_argument);
}

}  // namespace
}  // namespace qscale::golden
