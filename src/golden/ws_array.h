// Tile oracle of the weight-stationary systolic array rtl/pe/pe_array.sv: values and the cycle
// each value leaves the array. The RTL tests (tests/rtl/pe_array_test.cc) drive the array from
// these schedule functions and compare every output and its cycle; the SystemC `fast` model uses
// the same functions, so both fidelities count the same cycles.
//
// Semantics. Column c of a fold computes, for every activation vector x_m (m = 0 .. M-1),
//   acc = psum_in_m[c];  for k = 0 .. rows-1: acc = SaturatingAdd(acc, PeProduct(w[k][c], x_m[k]),
//                                                                  acc_bits)
// in exactly this order of saturating adds (DESIGN.md 1.5). psum inputs are wrapped to acc_bits
// like the port.
//
// Schedule of one fold (cycle numbers absolute; L = MulLatency, II = StepInterval, R = rows,
// C = cols; see rtl/README.md for the diagram):
//   weight load:   row r's words in cycle load_start + r (wload_i, wload_row_i = r); R cycles
//   activations:   x_m[r] enters row r in first_act + m*II + r       (first_act = load_start + 1)
//   psum inputs:   psum_in_m[c] enters column c in first_act + m*II + c + L
//   outputs:       out_m[c] leaves column c in first_act + m*II + R + c + L (psum_valid_o[c] high)
//   next fold:     first_act' = first_act + P with the fold period P = max((M-1)*II + max(C, II),
//   R),
//                  load_start' = first_act' - 1
// (the next fold's row r is rewritten right after the last vector has used it in every column, a
// bitserial PE is ready again, and the load port has finished the fold's R rows). The first
// fold starts loading in cycle 0.
#ifndef QSCALE_SRC_GOLDEN_WS_ARRAY_H_
#define QSCALE_SRC_GOLDEN_WS_ARRAY_H_

#include <cstdint>
#include <vector>

#include "src/golden/array_config.h"

namespace qscale::golden {

// One fold: a rows x cols block of decoded weights and the vectors streamed through it.
struct WsFold {
  std::vector<std::vector<PeWeight>> weights;  // [rows][cols]: weights[k][c]
  std::vector<std::vector<int32_t>> acts;      // [M][rows]: acts[m][k], M >= 1
  std::vector<std::vector<int64_t>> psums;     // [M][cols]: psum inputs (bias or partial sums)
};

// When a fold runs.
struct WsFoldTiming {
  int64_t load_start = 0;  // cycle row 0's weights are loaded
  int64_t first_act = 1;   // T0: cycle x_0[0] enters row 0
  int64_t vectors = 1;     // M
};

// Cycles a fold's weight load takes: rows (one row per cycle).
int64_t WsLoadCycles(const ArrayShape& shape);
// The cycle row `row`'s weights are loaded: load_start + row.
int64_t WsLoadCycle(const WsFoldTiming& fold, int row);
// The cycle x_m[row] enters row `row` (act_valid_i[row] high): first_act + m*II + row.
int64_t WsActCycle(const ArrayShape& shape, const WsFoldTiming& fold, int64_t m, int row);
// The cycle psum_in_m[col] enters column `col` (psum_valid_i[col] high): first_act + m*II + col +
// L.
int64_t WsPsumInCycle(const ArrayShape& shape, const WsFoldTiming& fold, int64_t m, int col);
// The cycle out_m[col] leaves column `col` (psum_valid_o[col] high):
// first_act + m*II + rows + col + L.
int64_t WsOutputCycle(const ArrayShape& shape, const WsFoldTiming& fold, int64_t m, int col);

// The fold period P of a fold of `vectors` vectors: cycles from its first_act to the next fold's.
int64_t WsFoldPeriod(const ArrayShape& shape, int64_t vectors);

// The timing of the first fold (load_start 0, first_act 1) and of the fold after `previous`.
// vectors >= 1, else std::invalid_argument.
WsFoldTiming WsFirstFold(int64_t vectors);
WsFoldTiming WsNextFold(const ArrayShape& shape, const WsFoldTiming& previous, int64_t vectors);

// The timings of `folds` run back to back from cycle 0, and the run's length in cycles (the last
// output's cycle + 1). For F folds of M vectors each this is
//   (F-1)*P + (M-1)*II + R + C + L + 1,   P = max((M-1)*II + max(C, II), R).
std::vector<WsFoldTiming> WsSchedule(const ArrayShape& shape, const std::vector<WsFold>& folds);
int64_t WsRunCycles(const ArrayShape& shape, const std::vector<WsFoldTiming>& timings);

// Runs `folds` back to back on an array of `shape` at csd `quality` (1..8, ignored by other
// kinds): every output with its cycle, sorted by cycle, then column. Throws std::invalid_argument
// on an invalid shape or a fold whose dimensions do not match it.
std::vector<ArrayOutput> RunWsFolds(const ArrayShape& shape, int quality,
                                    const std::vector<WsFold>& folds);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_WS_ARRAY_H_
