#include "src/golden/ws_array.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "src/golden/saturate.h"

namespace qscale::golden {
namespace {

void CheckFold(const ArrayShape& shape, const WsFold& fold, size_t index) {
  const std::string name = "fold " + std::to_string(index);
  const size_t rows = static_cast<size_t>(shape.rows);
  const size_t cols = static_cast<size_t>(shape.cols);
  RequireArrayDim("RunWsFolds", fold.weights.size(), rows, name + " weights");
  for (const auto& row : fold.weights)
    RequireArrayDim("RunWsFolds", row.size(), cols, name + " weight row");
  if (fold.acts.empty()) throw std::invalid_argument("RunWsFolds: " + name + " has no vectors");
  RequireArrayDim("RunWsFolds", fold.psums.size(), fold.acts.size(), name + " psums");
  for (const auto& x : fold.acts)
    RequireArrayDim("RunWsFolds", x.size(), rows, name + " activation vector");
  for (const auto& p : fold.psums)
    RequireArrayDim("RunWsFolds", p.size(), cols, name + " psum vector");
}

}  // namespace

int64_t WsLoadCycles(const ArrayShape& shape) { return shape.rows; }

int64_t WsLoadCycle(const WsFoldTiming& fold, int row) { return fold.load_start + row; }

int64_t WsActCycle(const ArrayShape& shape, const WsFoldTiming& fold, int64_t m, int row) {
  return fold.first_act + m * StepInterval(shape) + row;
}

int64_t WsPsumInCycle(const ArrayShape& shape, const WsFoldTiming& fold, int64_t m, int col) {
  return fold.first_act + m * StepInterval(shape) + col + MulLatency(shape);
}

int64_t WsOutputCycle(const ArrayShape& shape, const WsFoldTiming& fold, int64_t m, int col) {
  return fold.first_act + m * StepInterval(shape) + shape.rows + col + MulLatency(shape);
}

WsFoldTiming WsFirstFold(int64_t vectors) {
  if (vectors < 1) throw std::invalid_argument("WsFirstFold: a fold needs at least one vector");
  return {0, 1, vectors};
}

int64_t WsFoldPeriod(const ArrayShape& shape, int64_t vectors) {
  const int64_t interval = StepInterval(shape);
  return std::max<int64_t>((vectors - 1) * interval + std::max<int64_t>(shape.cols, interval),
                           shape.rows);
}

WsFoldTiming WsNextFold(const ArrayShape& shape, const WsFoldTiming& previous, int64_t vectors) {
  if (vectors < 1) throw std::invalid_argument("WsNextFold: a fold needs at least one vector");
  const int64_t first_act = previous.first_act + WsFoldPeriod(shape, previous.vectors);
  return {first_act - 1, first_act, vectors};
}

std::vector<WsFoldTiming> WsSchedule(const ArrayShape& shape, const std::vector<WsFold>& folds) {
  std::vector<WsFoldTiming> timings;
  for (const WsFold& fold : folds) {
    const int64_t vectors = static_cast<int64_t>(fold.acts.size());
    timings.push_back(timings.empty() ? WsFirstFold(vectors)
                                      : WsNextFold(shape, timings.back(), vectors));
  }
  return timings;
}

int64_t WsRunCycles(const ArrayShape& shape, const std::vector<WsFoldTiming>& timings) {
  if (timings.empty()) return 0;
  const WsFoldTiming& last = timings.back();
  return WsOutputCycle(shape, last, last.vectors - 1, shape.cols - 1) + 1;
}

std::vector<ArrayOutput> RunWsFolds(const ArrayShape& shape, int quality,
                                    const std::vector<WsFold>& folds) {
  ValidateArrayShape(shape);
  for (size_t f = 0; f < folds.size(); ++f) CheckFold(shape, folds[f], f);
  const std::vector<WsFoldTiming> timings = WsSchedule(shape, folds);
  std::vector<ArrayOutput> outputs;
  for (size_t f = 0; f < folds.size(); ++f) {
    const WsFold& fold = folds[f];
    for (size_t m = 0; m < fold.acts.size(); ++m) {
      for (int c = 0; c < shape.cols; ++c) {
        int64_t acc = WrapSigned64(fold.psums[m][static_cast<size_t>(c)], shape.acc_bits);
        for (int k = 0; k < shape.rows; ++k) {
          const size_t kk = static_cast<size_t>(k);
          const int64_t product = PeProduct(shape, c, fold.weights[kk][static_cast<size_t>(c)],
                                            fold.acts[m][kk], quality);
          acc = SaturatingAdd(acc, product, shape.acc_bits);
        }
        const int64_t mm = static_cast<int64_t>(m);
        outputs.push_back({WsOutputCycle(shape, timings[f], mm, c), static_cast<int>(f),
                           static_cast<int>(m), c, acc});
      }
    }
  }
  SortByCycle(outputs);
  return outputs;
}

}  // namespace qscale::golden
