#include "src/driver/bench_job.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "sim/simulator.h"
#include "src/config/run_config.h"
#include "src/driver/accelerator_eval.h"
#include "src/driver/dataset.h"
#include "src/driver/golden_eval.h"
#include "src/driver/lowering.h"
#include "src/driver/run_job.h"
#include "src/driver/topology_job.h"
#include "src/golden/engine.h"
#include "src/nn/onnx_import.h"

namespace qscale::driver {
namespace {

// One timed pass: host seconds, and the simulated cycles it added (0 for golden).
struct Sample {
  double seconds = 0.0;
  int64_t cycles = 0;
};

// What a bench alternates between: one golden and one accelerator sample of the same workload.
struct Contenders {
  std::function<Sample()> golden;
  std::function<Sample()> accelerator;
};

// The first `count` images of `all`.
LabelledImages FirstImages(const LabelledImages& all, int count) {
  LabelledImages out;
  out.count = count;
  out.shape = all.shape;
  const auto pixels = static_cast<std::ptrdiff_t>(count * nn::NumElements(all.shape));
  out.pixels.assign(all.pixels.begin(), all.pixels.begin() + pixels);
  out.labels.assign(all.labels.begin(), all.labels.begin() + count);
  return out;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs the pairs once everything is built: the warm-up pair, then options.pairs timed ones.
void MeasurePairs(const Contenders& contenders, const BenchOptions& options, ProgressSink& progress,
                  BenchResult& result) {
  progress.Begin("bench", options.pairs + 1, "pairs");
  contenders.golden();
  contenders.accelerator();
  progress.Update(1);
  for (int i = 0; i < options.pairs; ++i) {
    BenchPair pair;
    pair.golden_first = i % 2 == 0;
    Sample golden, accelerator;
    if (pair.golden_first) {
      golden = contenders.golden();
      accelerator = contenders.accelerator();
    } else {
      accelerator = contenders.accelerator();
      golden = contenders.golden();
    }
    pair.golden_seconds = golden.seconds;
    pair.accelerator_seconds = accelerator.seconds;
    pair.cycles = accelerator.cycles;
    result.pairs.push_back(pair);
    progress.Update(i + 2);
  }
  progress.End();
}

// The topology of `config`: both engines run its one batch; `result` holds the names.
void BenchTopology(const config::RunConfig& config, const BenchOptions& options,
                   ProgressSink& progress, BenchResult& result) {
  const int images = TopologyBatchImages(config);
  if (options.golden_images != 0 && options.golden_images != images) {
    throw std::runtime_error(fmt::format(
        "--golden-images {}: a topology runs one batch of min(dataset.images, sim.batch) = {} "
        "images on both engines; leave --golden-images out",
        options.golden_images, images));
  }
  TopologyWorkload work = BuildTopologyWorkload(config, progress);
  result.macs_per_image = work.macs_per_image;
  result.golden_images = result.images = work.images;
  const golden::IntegerEngine engine(work.network, DatapathOf(config));
  const sim::HardwareConfig hw = HardwareFor(config.accelerator, config.quant, work.network);
  sim::Simulator simulator(work.network, hw, SimFidelityOf(config.sim.fidelity),
                           config.accelerator.clock_mhz);
  std::vector<std::vector<int32_t>> golden_values = work.values;
  const Contenders contenders{
      [&] {
        const auto start = std::chrono::steady_clock::now();
        RunTopologyOnEngine(work, engine, golden_values);
        return Sample{SecondsSince(start), 0};
      },
      [&] {
        std::vector<std::vector<int32_t>> values = work.values;  // RunBatch takes them
        const int64_t before = simulator.cycles();
        const auto start = std::chrono::steady_clock::now();
        simulator.RunBatch(Lower(work.network, hw, work.images), std::move(values));
        return Sample{SecondsSince(start), simulator.cycles() - before};
      }};
  MeasurePairs(contenders, options, progress, result);
}

// The ONNX network of `config` on the first test images; `result` holds the names.
void BenchOnnx(const config::RunConfig& config, const BenchOptions& options, ProgressSink& progress,
               BenchResult& result) {
  const nn::Graph graph = nn::ImportOnnx(config.network);
  result.images = config.dataset.images;
  result.golden_images = options.golden_images > 0 ? options.golden_images : result.images;
  const LabelledImages all =
      LoadLabelledImages(config.dataset.test_images, config.dataset.test_labels,
                         std::max(result.golden_images, result.images));
  CheckImagesFitNetwork(all, config.dataset.test_images, config.dataset.test_labels, graph);
  const LabelledImages golden_set = FirstImages(all, result.golden_images);
  const LabelledImages accelerator_set = FirstImages(all, result.images);
  const qnn::Network network = QuantizeFor(config, graph, progress);
  for (const qnn::Op& op : network.ops) result.macs_per_image += qnn::OpMacs(network, op);
  const golden::IntegerEngine engine(network, DatapathOf(config));
  const sim::HardwareConfig hw = HardwareFor(config.accelerator, config.quant, network);
  sim::Simulator simulator(network, hw, SimFidelityOf(config.sim.fidelity),
                           config.accelerator.clock_mhz);
  const int batch = config.sim.batch;
  const Contenders contenders{[&] {
                                return Sample{EvaluateGolden(engine, golden_set, batch).seconds, 0};
                              },
                              [&] {
                                const int64_t before = simulator.cycles();
                                const AcceleratorResult run = EvaluateOnAccelerator(
                                    simulator, engine, hw, accelerator_set, batch, false);
                                return Sample{run.eval.seconds, run.cycles - before};
                              }};
  MeasurePairs(contenders, options, progress, result);
}

}  // namespace

BenchResult RunBench(const config::RunConfig& config, const BenchOptions& options,
                     ProgressSink& progress) {
  if (config.sim.fidelity == config::Fidelity::kGolden) {
    config::Refuse(config, "sim.fidelity",
                   "qscale bench times an accelerator against the golden engine; set fast or rtl");
  }
  if (config.quant.scheme == config::QuantScheme::kFloat) {
    config::Refuse(config, "quant.scheme",
                   "qscale bench times the integer engines, and float has none; choose int8, "
                   "fixed, qsq, nuuq or msq");
  }
  if (options.pairs < 1) throw std::invalid_argument("RunBench: pairs must be >= 1");
  BenchResult result;
  result.network = config.network;
  result.fidelity = std::string(config::ToString(config.sim.fidelity));
  result.rows = config.accelerator.rows;
  result.cols = config.accelerator.cols;
  if (config::IsTopologyNetwork(config.network)) {
    BenchTopology(config, options, progress, result);
  } else {
    BenchOnnx(config, options, progress, result);
  }
  return result;
}

std::string BenchToJson(const BenchResult& result) {
  nlohmann::ordered_json json;
  json["schema"] = "qscale.bench_pairs/1";
  json["network"] = result.network;
  json["fidelity"] = result.fidelity;
  json["rows"] = result.rows;
  json["cols"] = result.cols;
  json["macs_per_image"] = result.macs_per_image;
  json["golden_images"] = result.golden_images;
  json["images"] = result.images;
  nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
  for (const BenchPair& p : result.pairs) {
    nlohmann::ordered_json pair;
    pair["golden_first"] = p.golden_first;
    pair["golden_s"] = p.golden_seconds;
    pair["accelerator_s"] = p.accelerator_seconds;
    pair["cycles"] = p.cycles;
    pairs.push_back(std::move(pair));
  }
  json["pairs"] = std::move(pairs);
  return json.dump(1) + "\n";
}

}  // namespace qscale::driver
