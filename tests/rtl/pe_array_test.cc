// rtl/pe/pe_array.sv (weight stationary) against the tile oracle golden::RunWsFolds, cycle by
// cycle: the array is driven from the oracle's schedule functions (weight load, skewed
// activations, psum inputs), with random data on every lane in every cycle it is not valid, and
// must raise psum_valid_o exactly in the cycles the oracle gives, with its values. Seeded random
// runs of 1..3 back-to-back folds, for every multiplier kind and the MSQ mix, at accumulator
// widths 16 (saturating) and 32, activations 8 and 16 bits, on small arrays and on the
// three 16x16 arrays the simulator verilates (sim/CMakeLists.txt: ws_exact_16x16, ws_csd_16x16,
// ws_msq_16x16).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "Vws_bitserial_3x2.h"
#include "Vws_csd_w16a16_acc32_16x16.h"
#include "Vws_csd_w16a8_acc32_4x4.h"
#include "Vws_csd_w8a8_acc16_2x3.h"
#include "Vws_exact_a16_acc16_2x3.h"
#include "Vws_exact_w16a16_acc32_16x16.h"
#include "Vws_msq4_a16_acc16_2x3.h"
#include "Vws_msq8_4x4.h"
#include "Vws_msq8_w16a16_acc32_16x16.h"
#include "Vws_sp2_3x2.h"
#include "src/golden/array_config.h"
#include "src/golden/ws_array.h"
#include "tests/rtl/array_test_support.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

using golden::ArrayOutput;
using golden::ArrayShape;
using golden::MulKind;
using golden::WsFold;
using rtl_test::MakeShape;
using rtl_test::Rng;
using rtl_test::SetField;

// What the array's inputs carry in one cycle. Lanes that are not valid carry random data.
struct WsCycle {
  int load_row = -1;  // -1: no weight load
  std::vector<int64_t> words, act, psum;
  std::vector<bool> act_valid, psum_valid;
};

// The verilated pe_array behind golden::RunWsFolds's signature (shape fixed by the model).
template <typename Model>
class WsArrayRtl {
 public:
  explicit WsArrayRtl(const ArrayShape& shape) : shape_(shape) {}

  // Runs `folds` from reset on the schedule of ws_array.h and returns every output the array
  // raised psum_valid_o for, with its cycle, sorted by cycle then column. Throws if the schedule
  // asks for two things on one lane in one cycle.
  std::vector<ArrayOutput> operator()(int quality, const std::vector<WsFold>& folds) {
    const std::vector<WsCycle> plan = Plan(folds);
    return rtl_test::RunArray(model_, shape_, quality, plan,
                              [&](Model& model, const auto& cycle) { Drive(model, cycle); });
  }

 private:
  std::vector<WsCycle> Plan(const std::vector<WsFold>& folds) {
    const std::vector<golden::WsFoldTiming> timings = golden::WsSchedule(shape_, folds);
    std::vector<WsCycle> plan(
        static_cast<size_t>(golden::WsRunCycles(shape_, timings) + rtl_test::kSlackCycles));
    for (WsCycle& cycle : plan) {
      for (int c = 0; c < shape_.cols; ++c) {
        cycle.words.push_back(static_cast<int64_t>(noise_()));
        cycle.psum.push_back(static_cast<int64_t>(noise_()));
      }
      for (int r = 0; r < shape_.rows; ++r) cycle.act.push_back(static_cast<int64_t>(noise_()));
      cycle.act_valid.assign(static_cast<size_t>(shape_.rows), false);
      cycle.psum_valid.assign(static_cast<size_t>(shape_.cols), false);
    }
    auto at = [&](int64_t t) -> WsCycle& { return plan.at(static_cast<size_t>(t)); };
    for (size_t f = 0; f < folds.size(); ++f) {
      const WsFold& fold = folds[f];
      for (int r = 0; r < shape_.rows; ++r) {
        WsCycle& cycle = at(golden::WsLoadCycle(timings[f], r));
        if (cycle.load_row >= 0) throw std::logic_error("two weight loads in one cycle");
        cycle.load_row = r;
        for (int c = 0; c < shape_.cols; ++c) {
          cycle.words[static_cast<size_t>(c)] = golden::PackWeightWord(
              shape_, c, fold.weights[static_cast<size_t>(r)][static_cast<size_t>(c)]);
        }
      }
      for (size_t m = 0; m < fold.acts.size(); ++m) {
        const int64_t mm = static_cast<int64_t>(m);
        for (int r = 0; r < shape_.rows; ++r) {
          WsCycle& cycle = at(golden::WsActCycle(shape_, timings[f], mm, r));
          const size_t rr = static_cast<size_t>(r);
          if (cycle.act_valid[rr]) throw std::logic_error("two activations on one row");
          cycle.act_valid[rr] = true;
          cycle.act[rr] = fold.acts[m][rr];
        }
        for (int c = 0; c < shape_.cols; ++c) {
          WsCycle& cycle = at(golden::WsPsumInCycle(shape_, timings[f], mm, c));
          const size_t cc = static_cast<size_t>(c);
          if (cycle.psum_valid[cc]) throw std::logic_error("two psums on one column");
          cycle.psum_valid[cc] = true;
          cycle.psum[cc] = fold.psums[m][cc];
        }
      }
    }
    return plan;
  }

  void Drive(Model& model, const WsCycle& cycle) {
    const int word_bits = golden::WordBits(shape_);
    model.wload_i = cycle.load_row >= 0;
    // wload_row_i is ceil(log2(rows)) bits wide (1 for a single row).
    int row_bits = 1;
    while ((1 << row_bits) < shape_.rows) ++row_bits;
    SetField(model.wload_row_i, 0, row_bits,
             cycle.load_row >= 0 ? cycle.load_row : static_cast<int64_t>(noise_()));
    for (int c = 0; c < shape_.cols; ++c) {
      const size_t cc = static_cast<size_t>(c);
      SetField(model.wdata_i, c * word_bits, word_bits, cycle.words[cc]);
      SetField(model.psum_valid_i, c, 1, cycle.psum_valid[cc]);
      SetField(model.psum_i, c * shape_.acc_bits, shape_.acc_bits, cycle.psum[cc]);
    }
    for (int r = 0; r < shape_.rows; ++r) {
      const size_t rr = static_cast<size_t>(r);
      SetField(model.act_valid_i, r, 1, cycle.act_valid[rr]);
      SetField(model.act_i, r * shape_.act_bits, shape_.act_bits, cycle.act[rr]);
    }
  }

  ArrayShape shape_;
  Model model_;
  Rng noise_{12345};
};

// `runs` seeded random runs of 1..max_folds folds of 1..max_vectors vectors each, compared
// output for output (cycle, column, value) with golden::RunWsFolds.
template <typename Model>
void CheckWsArray(const ArrayShape& shape, int runs, int max_folds, int max_vectors) {
  WsArrayRtl<Model> rtl(shape);
  rtl_test::CheckRandomRuns<WsFold>(
      runs, max_folds, max_vectors,
      static_cast<uint64_t>(shape.rows * 1000 + shape.cols * 100 + shape.acc_bits),
      [&](int vectors, Rng& rng) { return rtl_test::RandomWsFold(shape, vectors, rng); },
      [&](int quality, const std::vector<WsFold>& folds) {
        return golden::RunWsFolds(shape, quality, folds);
      },
      rtl);
}

// The simulator's ws_exact_16x16 (int8 and exact networks run on it).
TEST(PeArrayRtl, SimulatorsExactArray16x16MatchesTheOracleCycleByCycle) {
  CheckWsArray<Vws_exact_w16a16_acc32_16x16>(MakeShape(16, 16, MulKind::kExact, 16, 16, 32), 40,
                                             3, 40);
}

// The simulator's ws_csd_16x16 (nuuq and qsq networks on the CSD multiplier run on it).
TEST(PeArrayRtl, SimulatorsCsdArray16x16MatchesTheOracleCycleByCycle) {
  CheckWsArray<Vws_csd_w16a16_acc32_16x16>(MakeShape(16, 16, MulKind::kCsd, 16, 16, 32), 40, 3,
                                           40);
}

// The simulator's ws_msq_16x16: 8 SP2 columns with 8-bit codes beside 8 exact columns.
TEST(PeArrayRtl, SimulatorsMsqArray16x16MatchesTheOracleCycleByCycle) {
  CheckWsArray<Vws_msq8_w16a16_acc32_16x16>(
      MakeShape(16, 16, MulKind::kExact, 16, 16, 32, 8, 8), 40, 3, 40);
}

TEST(PeArrayRtl, ExactArrayWith16BitActivationsSaturatesLikeTheOracle) {
  CheckWsArray<Vws_exact_a16_acc16_2x3>(MakeShape(2, 3, MulKind::kExact, 8, 16, 16, 0, 8), 1500, 3,
                                        8);
}

TEST(PeArrayRtl, CsdArrayWith16BitWeightPortMatchesTheOracle) {
  CheckWsArray<Vws_csd_w16a8_acc32_4x4>(MakeShape(4, 4, MulKind::kCsd, 16, 8, 32), 800, 3, 8);
}

TEST(PeArrayRtl, CsdArrayAt16BitAccumulatorMatchesTheOracle) {
  CheckWsArray<Vws_csd_w8a8_acc16_2x3>(MakeShape(2, 3, MulKind::kCsd, 8, 8, 16), 1500, 3, 8);
}

TEST(PeArrayRtl, MsqArrayWith8BitSp2ColumnsMatchesTheOracle) {
  CheckWsArray<Vws_msq8_4x4>(MakeShape(4, 4, MulKind::kExact, 8, 8, 32, 2, 8), 800, 3, 8);
}

TEST(PeArrayRtl, MsqArrayWith4BitCodesBeside8BitFixedRowsMatchesTheOracle) {
  CheckWsArray<Vws_msq4_a16_acc16_2x3>(MakeShape(2, 3, MulKind::kExact, 8, 16, 16, 1, 4), 1500, 3,
                                       8);
}

TEST(PeArrayRtl, AllSp2ArrayMatchesTheOracle) {
  CheckWsArray<Vws_sp2_3x2>(MakeShape(3, 2, MulKind::kSp2, 8, 8, 16, 0, 4), 1500, 3, 8);
}

TEST(PeArrayRtl, BitSerialArrayTakesWeightBitsCyclesPerStepLikeTheOracle) {
  CheckWsArray<Vws_bitserial_3x2>(MakeShape(3, 2, MulKind::kBitSerial, 8, 8, 16), 800, 3, 6);
}

}  // namespace
}  // namespace qscale
