// Tile oracle of the output-stationary systolic array rtl/pe/pe_array_os.sv: values and the cycle
// each value leaves the array. The RTL tests (tests/rtl/pe_array_os_test.cc) drive the array from
// these schedule functions and compare every output and its cycle; the SystemC `fast` model uses
// the same functions.
//
// Semantics. A tile is an output block O[rows][cols]. PE(r, c) computes
//   acc = init[r][c];  for k = 0 .. K-1: acc = SaturatingAdd(acc, PeProduct(w[k][c], x[r][k]),
//                                                             acc_bits)
// in exactly this order of saturating adds (DESIGN.md 1.5); inits are wrapped to acc_bits.
//
// Schedule of one tile (cycle numbers absolute; L = MulLatency, II = StepInterval, R = rows,
// C = cols, K = steps; see rtl/README.md for the diagram):
//   shift (init):  cycles S .. S+R-1 with shift_i high; init[r][c] enters column c's top in
//                  cycle S + R-1-r (the deepest row first). The same cycles drain the previous
//                  tile (below).
//   steps:         T = S + R. x[r][k] enters row r in T + k*II + r (act_valid_i[r] high);
//                  w[k][c] enters column c in T + k*II + c
//   drain:         D = T + (K-1)*II + R + C + L is the next tile's S (every PE has accumulated
//                  its last step by then). In cycle D + R-1-r, with shift_i high, column c's
//                  bottom shows O[r][c] with psum_valid_o[c] high.
// The first tile's shift starts in cycle 0; after the last tile a final R-cycle shift (inits
// don't care) drains it.
#ifndef QSCALE_SRC_GOLDEN_OS_ARRAY_H_
#define QSCALE_SRC_GOLDEN_OS_ARRAY_H_

#include <cstdint>
#include <vector>

#include "src/golden/array_config.h"

namespace qscale::golden {

// One tile: the weight columns and activation rows streamed through the array for K steps.
struct OsTile {
  std::vector<std::vector<PeWeight>> weights;  // [K][cols]: weights[k][c], K >= 1
  std::vector<std::vector<int32_t>> acts;      // [rows][K]: acts[r][k]
  std::vector<std::vector<int64_t>> inits;     // [rows][cols]: initial accumulators (bias)
};

// When a tile runs.
struct OsTileTiming {
  int64_t shift_start = 0;  // S: first cycle of the shift that loads this tile's inits
  int64_t first_step = 0;   // T = S + rows: cycle step 0 enters row 0 / column 0
  int64_t steps = 1;        // K
};

// Cycles of one shift phase (init in, previous tile out): rows.
int64_t OsShiftCycles(const ArrayShape& shape);
// The shift cycle in which init[row][c] enters at the top: S + rows - 1 - row.
int64_t OsInitCycle(const ArrayShape& shape, const OsTileTiming& tile, int row);
// The cycle x[row][k] enters row `row`: T + k*II + row.
int64_t OsActCycle(const ArrayShape& shape, const OsTileTiming& tile, int64_t k, int row);
// The cycle w[k][col] enters column `col`: T + k*II + col.
int64_t OsWeightCycle(const ArrayShape& shape, const OsTileTiming& tile, int64_t k, int col);
// D: the first cycle of the shift that drains the tile, T + (K-1)*II + rows + cols + L.
int64_t OsDrainStart(const ArrayShape& shape, const OsTileTiming& tile);
// The cycle O[row][c] leaves the bottom of every column c: D + rows - 1 - row.
int64_t OsOutputCycle(const ArrayShape& shape, const OsTileTiming& tile, int row);

// The timing of the first tile (S = 0) and of the tile after `previous` (S = previous's D).
// steps >= 1, else std::invalid_argument.
OsTileTiming OsFirstTile(const ArrayShape& shape, int64_t steps);
OsTileTiming OsNextTile(const ArrayShape& shape, const OsTileTiming& previous, int64_t steps);

// The timings of `tiles` run back to back from cycle 0, and the run's length in cycles
// (through the final drain: D of the last tile + rows). For N tiles of K steps each this is
//   rows + N*((K-1)*II + 2*rows + cols + L).
std::vector<OsTileTiming> OsSchedule(const ArrayShape& shape, const std::vector<OsTile>& tiles);
int64_t OsRunCycles(const ArrayShape& shape, const std::vector<OsTileTiming>& timings);

// Runs `tiles` back to back on an array of `shape` at csd `quality` (1..8, ignored by other
// kinds): every output with its cycle (ArrayOutput::index = row), sorted by cycle, then column.
// Throws std::invalid_argument on an invalid shape or a tile whose dimensions do not match it.
std::vector<ArrayOutput> RunOsTiles(const ArrayShape& shape, int quality,
                                    const std::vector<OsTile>& tiles);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_OS_ARRAY_H_
