// A sweep's results: one row per finished point (its id and axis values first, then the
// figures), written as results.csv and results.jsonl, and the Pareto front over (top-1, energy
// per inference, area, cycles per image) as pareto.csv. Every file is rewritten whole through a
// temporary file and a rename, so a killed sweep leaves complete files.
#ifndef QSCALE_SRC_SWEEP_RESULTS_H_
#define QSCALE_SRC_SWEEP_RESULTS_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/sweep/sweep_spec.h"

namespace qscale::sweep {

// What a point produced: its report (`qscale run --json`), or the error that stopped it.
struct PointOutcome {
  const Point* point = nullptr;
  bool ok = false;
  nlohmann::ordered_json report;  // when ok, its keys in the report's order
  std::string error;       // when not: the run's one-line message
};

// The figures of a row, by column name, from a report (absent figures are empty cells): top1,
// float_top1, images, cycles_per_image, stall_fraction, utilization, weight_bits,
// dram_bytes_per_image, energy_pj_per_image, area_um2.
std::vector<std::pair<std::string, std::optional<double>>> Figures(
    const nlohmann::ordered_json& report);

// Indices (into `outcomes`) of the successful points no other successful point dominates:
// higher-or-equal top-1 and lower-or-equal energy per inference, area and cycles per image (each
// objective only where every point has it), better in at least one.
std::vector<size_t> ParetoFront(const std::vector<PointOutcome>& outcomes);

// Writes results.csv, results.jsonl and pareto.csv into `dir` for `outcomes` (in point order).
// results.jsonl carries each report without its host timings, so that reruns compare equal.
void WriteResults(const Sweep& sweep, const std::vector<PointOutcome>& outcomes,
                  const std::string& dir);

}  // namespace qscale::sweep

#endif  // QSCALE_SRC_SWEEP_RESULTS_H_
