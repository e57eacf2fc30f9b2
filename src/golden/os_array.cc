#include "src/golden/os_array.h"

#include <cstddef>
#include <stdexcept>
#include <string>

#include "src/golden/saturate.h"

namespace qscale::golden {
namespace {

void CheckTile(const ArrayShape& shape, const OsTile& tile, size_t index) {
  const std::string name = "tile " + std::to_string(index);
  const size_t rows = static_cast<size_t>(shape.rows);
  const size_t cols = static_cast<size_t>(shape.cols);
  if (tile.weights.empty()) throw std::invalid_argument("RunOsTiles: " + name + " has no steps");
  for (const auto& w : tile.weights)
    RequireArrayDim("RunOsTiles", w.size(), cols, name + " weight step");
  RequireArrayDim("RunOsTiles", tile.acts.size(), rows, name + " activation rows");
  for (const auto& x : tile.acts)
    RequireArrayDim("RunOsTiles", x.size(), tile.weights.size(), name + " act row");
  RequireArrayDim("RunOsTiles", tile.inits.size(), rows, name + " init rows");
  for (const auto& i : tile.inits)
    RequireArrayDim("RunOsTiles", i.size(), cols, name + " init row");
}

}  // namespace

int64_t OsShiftCycles(const ArrayShape& shape) { return shape.rows; }

int64_t OsInitCycle(const ArrayShape& shape, const OsTileTiming& tile, int row) {
  return tile.shift_start + shape.rows - 1 - row;
}

int64_t OsActCycle(const ArrayShape& shape, const OsTileTiming& tile, int64_t k, int row) {
  return tile.first_step + k * StepInterval(shape) + row;
}

int64_t OsWeightCycle(const ArrayShape& shape, const OsTileTiming& tile, int64_t k, int col) {
  return tile.first_step + k * StepInterval(shape) + col;
}

int64_t OsDrainStart(const ArrayShape& shape, const OsTileTiming& tile) {
  return tile.first_step + (tile.steps - 1) * StepInterval(shape) + shape.rows + shape.cols +
         MulLatency(shape);
}

int64_t OsOutputCycle(const ArrayShape& shape, const OsTileTiming& tile, int row) {
  return OsDrainStart(shape, tile) + shape.rows - 1 - row;
}

OsTileTiming OsFirstTile(const ArrayShape& shape, int64_t steps) {
  if (steps < 1) throw std::invalid_argument("OsFirstTile: a tile needs at least one step");
  return {0, shape.rows, steps};
}

OsTileTiming OsNextTile(const ArrayShape& shape, const OsTileTiming& previous, int64_t steps) {
  if (steps < 1) throw std::invalid_argument("OsNextTile: a tile needs at least one step");
  const int64_t shift_start = OsDrainStart(shape, previous);
  return {shift_start, shift_start + shape.rows, steps};
}

std::vector<OsTileTiming> OsSchedule(const ArrayShape& shape, const std::vector<OsTile>& tiles) {
  std::vector<OsTileTiming> timings;
  for (const OsTile& tile : tiles) {
    const int64_t steps = static_cast<int64_t>(tile.weights.size());
    timings.push_back(timings.empty() ? OsFirstTile(shape, steps)
                                      : OsNextTile(shape, timings.back(), steps));
  }
  return timings;
}

int64_t OsRunCycles(const ArrayShape& shape, const std::vector<OsTileTiming>& timings) {
  if (timings.empty()) return 0;
  return OsDrainStart(shape, timings.back()) + shape.rows;
}

std::vector<ArrayOutput> RunOsTiles(const ArrayShape& shape, int quality,
                                    const std::vector<OsTile>& tiles) {
  ValidateArrayShape(shape);
  for (size_t t = 0; t < tiles.size(); ++t) CheckTile(shape, tiles[t], t);
  const std::vector<OsTileTiming> timings = OsSchedule(shape, tiles);
  std::vector<ArrayOutput> outputs;
  for (size_t t = 0; t < tiles.size(); ++t) {
    const OsTile& tile = tiles[t];
    for (int r = 0; r < shape.rows; ++r) {
      const size_t rr = static_cast<size_t>(r);
      for (int c = 0; c < shape.cols; ++c) {
        const size_t cc = static_cast<size_t>(c);
        int64_t acc = WrapSigned64(tile.inits[rr][cc], shape.acc_bits);
        for (size_t k = 0; k < tile.weights.size(); ++k) {
          acc = SaturatingAdd(acc,
                              PeProduct(shape, c, tile.weights[k][cc], tile.acts[rr][k], quality),
                              shape.acc_bits);
        }
        outputs.push_back({OsOutputCycle(shape, timings[t], r), static_cast<int>(t), r, c, acc});
      }
    }
  }
  SortByCycle(outputs);
  return outputs;
}

}  // namespace qscale::golden
