// rtl/pe/pe_array_os.sv (output stationary) against the tile oracle golden::RunOsTiles, cycle by
// cycle: the array is driven from the oracle's schedule functions (init shift, skewed weight and
// activation streams, drain shift), with random data on every lane in every cycle it is not
// valid, and must raise psum_valid_o exactly in the cycles the oracle gives, with its values.
// Seeded random runs of 1..3 back-to-back tiles, for every multiplier kind and the MSQ mix, at
// accumulator widths 16 (saturating) and 32, activations 8 and 16 bits, on 16x16 (int8) and
// small arrays.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "Vos_bitserial_2x3.h"
#include "Vos_csd_w16a8_acc32_2x3.h"
#include "Vos_exact_a16_acc16_3x2.h"
#include "Vos_int8_16x16.h"
#include "Vos_msq4_2x3.h"
#include "Vos_msq8_a16_4x4.h"
#include "Vos_sp2_2x2.h"
#include "src/golden/array_config.h"
#include "src/golden/os_array.h"
#include "tests/rtl/array_test_support.h"
#include "tests/rtl/verilated_port.h"

namespace qscale {
namespace {

using golden::ArrayOutput;
using golden::ArrayShape;
using golden::MulKind;
using golden::OsTile;
using rtl_test::MakeShape;
using rtl_test::Rng;
using rtl_test::SetField;

// What the array's inputs carry in one cycle. Lanes that are not valid carry random data.
struct OsCycle {
  bool shift = false;
  std::vector<int64_t> words, init, act;
  std::vector<bool> act_valid;
};

// The verilated pe_array_os behind golden::RunOsTiles's signature (shape fixed by the model).
template <typename Model>
class OsArrayRtl {
 public:
  explicit OsArrayRtl(const ArrayShape& shape) : shape_(shape) {}

  // Runs `tiles` from reset on the schedule of os_array.h (including the final drain) and
  // returns every output the array raised psum_valid_o for, with its cycle, sorted by cycle then
  // column. Throws if the schedule asks for two things on one lane in one cycle.
  std::vector<ArrayOutput> operator()(int quality, const std::vector<OsTile>& tiles) {
    const std::vector<OsCycle> plan = Plan(tiles);
    return rtl_test::RunArray(model_, shape_, quality, plan,
                              [&](Model& model, const auto& cycle) { Drive(model, cycle); });
  }

 private:
  std::vector<OsCycle> Plan(const std::vector<OsTile>& tiles) {
    const std::vector<golden::OsTileTiming> timings = golden::OsSchedule(shape_, tiles);
    std::vector<OsCycle> plan(
        static_cast<size_t>(golden::OsRunCycles(shape_, timings) + rtl_test::kSlackCycles));
    for (OsCycle& cycle : plan) {
      for (int c = 0; c < shape_.cols; ++c) {
        cycle.words.push_back(static_cast<int64_t>(noise_()));
        cycle.init.push_back(static_cast<int64_t>(noise_()));
      }
      for (int r = 0; r < shape_.rows; ++r) cycle.act.push_back(static_cast<int64_t>(noise_()));
      cycle.act_valid.assign(static_cast<size_t>(shape_.rows), false);
    }
    auto at = [&](int64_t t) -> OsCycle& { return plan.at(static_cast<size_t>(t)); };
    auto shift = [&](int64_t t) -> OsCycle& {
      OsCycle& cycle = at(t);
      if (cycle.shift) throw std::logic_error("two shifts in one cycle");
      cycle.shift = true;
      return cycle;
    };
    for (size_t i = 0; i < tiles.size(); ++i) {
      const OsTile& tile = tiles[i];
      for (int r = 0; r < shape_.rows; ++r) {
        OsCycle& cycle = shift(golden::OsInitCycle(shape_, timings[i], r));
        for (int c = 0; c < shape_.cols; ++c) {
          cycle.init[static_cast<size_t>(c)] =
              tile.inits[static_cast<size_t>(r)][static_cast<size_t>(c)];
        }
      }
      for (size_t k = 0; k < tile.weights.size(); ++k) {
        const int64_t kk = static_cast<int64_t>(k);
        for (int r = 0; r < shape_.rows; ++r) {
          OsCycle& cycle = at(golden::OsActCycle(shape_, timings[i], kk, r));
          const size_t rr = static_cast<size_t>(r);
          if (cycle.act_valid[rr]) throw std::logic_error("two activations on one row");
          cycle.act_valid[rr] = true;
          cycle.act[rr] = tile.acts[rr][k];
        }
        for (int c = 0; c < shape_.cols; ++c) {
          at(golden::OsWeightCycle(shape_, timings[i], kk, c)).words[static_cast<size_t>(c)] =
              golden::PackWeightWord(shape_, c, tile.weights[k][static_cast<size_t>(c)]);
        }
      }
    }
    // The final drain: a shift with don't-care initial values.
    const int64_t drain = golden::OsDrainStart(shape_, timings.back());
    for (int j = 0; j < shape_.rows; ++j) shift(drain + j);
    return plan;
  }

  void Drive(Model& model, const OsCycle& cycle) {
    const int word_bits = golden::WordBits(shape_);
    model.shift_i = cycle.shift;
    for (int c = 0; c < shape_.cols; ++c) {
      const size_t cc = static_cast<size_t>(c);
      SetField(model.w_i, c * word_bits, word_bits, cycle.words[cc]);
      SetField(model.psum_i, c * shape_.acc_bits, shape_.acc_bits, cycle.init[cc]);
    }
    for (int r = 0; r < shape_.rows; ++r) {
      const size_t rr = static_cast<size_t>(r);
      SetField(model.act_valid_i, r, 1, cycle.act_valid[rr]);
      SetField(model.act_i, r * shape_.act_bits, shape_.act_bits, cycle.act[rr]);
    }
  }

  ArrayShape shape_;
  Model model_;
  Rng noise_{54321};
};

// `runs` seeded random runs of 1..max_tiles tiles of 1..max_steps steps each, compared
// output for output (cycle, column, value) with golden::RunOsTiles.
template <typename Model>
void CheckOsArray(const ArrayShape& shape, int runs, int max_tiles, int max_steps) {
  OsArrayRtl<Model> rtl(shape);
  rtl_test::CheckRandomRuns<OsTile>(
      runs, max_tiles, max_steps,
      static_cast<uint64_t>(shape.rows * 1000 + shape.cols * 100 + shape.acc_bits),
      [&](int steps, Rng& rng) { return rtl_test::RandomOsTile(shape, steps, rng); },
      [&](int quality, const std::vector<OsTile>& tiles) {
        return golden::RunOsTiles(shape, quality, tiles);
      },
      rtl);
}

TEST(PeArrayOsRtl, Int8Array16x16MatchesTheOracleCycleByCycle) {
  CheckOsArray<Vos_int8_16x16>(MakeShape(16, 16, MulKind::kExact, 8, 8, 32), 40, 3, 40);
}

TEST(PeArrayOsRtl, ExactArrayWith16BitActivationsSaturatesLikeTheOracle) {
  CheckOsArray<Vos_exact_a16_acc16_3x2>(MakeShape(3, 2, MulKind::kExact, 8, 16, 16, 0, 8), 1500, 3,
                                        8);
}

TEST(PeArrayOsRtl, CsdArrayWith16BitWeightPortMatchesTheOracle) {
  CheckOsArray<Vos_csd_w16a8_acc32_2x3>(MakeShape(2, 3, MulKind::kCsd, 16, 8, 32), 1500, 3, 8);
}

TEST(PeArrayOsRtl, MsqArrayWith8BitSp2ColumnsAnd16BitActivationsMatchesTheOracle) {
  CheckOsArray<Vos_msq8_a16_4x4>(MakeShape(4, 4, MulKind::kExact, 8, 16, 32, 2, 8), 800, 3, 8);
}

TEST(PeArrayOsRtl, MsqArrayWith4BitCodesBeside8BitFixedRowsMatchesTheOracle) {
  CheckOsArray<Vos_msq4_2x3>(MakeShape(2, 3, MulKind::kExact, 8, 8, 16, 1, 4), 1500, 3, 8);
}

TEST(PeArrayOsRtl, AllSp2ArrayMatchesTheOracle) {
  CheckOsArray<Vos_sp2_2x2>(MakeShape(2, 2, MulKind::kSp2, 8, 8, 16, 0, 4), 1500, 3, 8);
}

TEST(PeArrayOsRtl, BitSerialArrayTakesWeightBitsCyclesPerStepLikeTheOracle) {
  CheckOsArray<Vos_bitserial_2x3>(MakeShape(2, 3, MulKind::kBitSerial, 8, 8, 16), 800, 3, 6);
}

}  // namespace
}  // namespace qscale
