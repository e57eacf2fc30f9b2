// `qscale bench CONFIG`: the host speed of one accelerator configuration (sim.fidelity fast or
// rtl) against the golden integer engine on the same workload, measured in one process.
//
// After one untimed warm-up pair, the two run alternately, one sample each per pair, in the
// order golden-accelerator, accelerator-golden, golden-accelerator, ... (ABBA), so a host that
// slows down or speeds up over seconds hits both members of a pair alike. A sample is one pass
// over the first images of the test set (ONNX) or over the topology's batch, timed from input
// quantization to the output integers, exactly as `qscale run` times its evaluation. bench/
// drives one such process per case and reads the ratio of each pair.
#ifndef QSCALE_SRC_DRIVER_BENCH_JOB_H_
#define QSCALE_SRC_DRIVER_BENCH_JOB_H_

#include <cstdint>
#include <string>
#include <vector>

#include "src/config/run_config.h"
#include "src/driver/progress.h"

namespace qscale::driver {

struct BenchOptions {
  int golden_images = 0;  // images per golden sample (ONNX only); 0: as the accelerator's
  int pairs = 9;          // measured pairs, >= 1
};

struct BenchPair {
  double golden_seconds = 0.0;       // host seconds of the golden sample
  double accelerator_seconds = 0.0;  // host seconds of the accelerator sample
  int64_t cycles = 0;                // simulated cycles of the accelerator sample
  bool golden_first = true;          // which of the two ran first
};

struct BenchResult {
  std::string network;           // the config's network path
  std::string fidelity;          // fast | rtl
  int rows = 0;                  // PE rows of the array
  int cols = 0;                  // PE columns of the array
  int64_t macs_per_image = 0;    // MACs of the whole network for one image
  int golden_images = 0;         // images per golden sample
  int images = 0;                // images per accelerator sample
  std::vector<BenchPair> pairs;  // in the order they ran, warm-up excluded
};

// Measures `options.pairs` pairs for `config` (dataset.images: images per accelerator sample).
// Throws like RunJob; refuses sim.fidelity golden and quant.scheme float (naming their YAML
// line), and a golden sample size other than the batch for a topology.
BenchResult RunBench(const config::RunConfig& config, const BenchOptions& options,
                     ProgressSink& progress);

// `result` as JSON, schema qscale.bench_pairs/1: the fields of BenchResult, seconds in s.
std::string BenchToJson(const BenchResult& result);

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_BENCH_JOB_H_
