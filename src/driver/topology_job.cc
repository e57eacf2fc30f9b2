#include "src/driver/topology_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/simulator.h"
#include "src/config/config_listing.h"
#include "src/driver/energy_eval.h"
#include "src/driver/lowering.h"
#include "src/driver/quant_summary.h"
#include "src/driver/run_job.h"
#include "src/golden/engine.h"
#include "src/nn/topology_csv.h"
#include "src/quant/quantize.h"

namespace qscale::driver {
namespace {

constexpr int kMaxCalibration = 4;

// `count` random images of `size` pixels in [0, 1), from std::mt19937(seed) (24 bits a draw).
std::vector<float> RandomImages(int64_t size, int count, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<float> out(static_cast<size_t>(size * count));
  for (float& x : out) x = static_cast<float>(static_cast<double>(rng() >> 8) * 0x1p-24);
  return out;
}

// One network of the independent layers: values and ops appended layer after layer; the first
// layer's input is the network's input, the others' are host values.
qnn::Network Merge(const std::vector<qnn::Network>& layers, const std::string& source) {
  qnn::Network merged;
  merged.source = source;
  merged.scheme = layers.front().scheme;
  for (const qnn::Network& layer : layers) {
    const int offset = static_cast<int>(merged.values.size());
    merged.values.insert(merged.values.end(), layer.values.begin(), layer.values.end());
    for (qnn::Op op : layer.ops) {
      for (int& v : op.inputs) v += offset;
      op.output += offset;
      merged.ops.push_back(std::move(op));
    }
    if (merged.input < 0) {
      merged.input = layer.input + offset;
    } else {
      merged.host_values.push_back(layer.input + offset);
    }
    merged.output = layer.output + offset;
  }
  return merged;
}

}  // namespace

int TopologyBatchImages(const config::RunConfig& config) {
  return std::min(config.dataset.images, config.sim.batch);
}

TopologyWorkload BuildTopologyWorkload(const config::RunConfig& config, ProgressSink& progress) {
  if (config.quant.scheme == config::QuantScheme::kFloat) {
    config::Refuse(
        config, "quant.scheme",
        "a topology runs quantized layers on the accelerator; choose int8, qsq, nuuq or msq");
  }
  if (config.quant.scheme == config::QuantScheme::kFixed) {
    config::Refuse(
        config, "quant.scheme",
        "fixed searches bit widths against accuracy, and a topology (random weights) has "
        "none; choose int8, qsq, nuuq or msq");
  }
  TopologyWorkload work;
  const std::vector<nn::TopologyLayer> layers = nn::ReadTopologyCsv(config.network);
  work.graphs = nn::TopologyGraphs(layers, config.network, config.sim.seed);
  work.images = TopologyBatchImages(config);
  const int calibration = std::min(config.calibration.images, kMaxCalibration);

  config::QuantSpec spec = config.quant;
  spec.rounding = config::Rounding::kNearest;
  std::vector<qnn::Network> quantized;
  std::vector<std::vector<float>> inputs;
  progress.Begin("quantize", static_cast<int64_t>(work.graphs.size()), "layers");
  for (size_t i = 0; i < work.graphs.size(); ++i) {
    const nn::Graph& graph = work.graphs[i];
    const int64_t size = nn::NumElements(graph.values[graph.input].shape);
    const std::vector<float> calib =
        RandomImages(size, calibration, config.calibration.seed + static_cast<uint32_t>(i));
    quant::QuantData data;
    data.calibration = calib.data();
    data.calibration_count = calibration;
    quantized.push_back(quant::Quantize(graph, spec, data));
    inputs.push_back(
        RandomImages(size, work.images, config.sim.seed * 7919u + static_cast<uint32_t>(i)));
    progress.Update(static_cast<int64_t>(i) + 1);
  }
  progress.End();
  work.network = Merge(quantized, config.network);
  const qnn::Network& network = work.network;
  for (const qnn::Op& op : network.ops) work.macs_per_image += qnn::OpMacs(network, op);

  work.values.resize(network.values.size());
  // inputs[0] is the network input's, inputs[i + 1] host value i's.
  for (size_t i = 0; i <= network.host_values.size(); ++i) {
    const int v = i == 0 ? network.input : network.host_values[i - 1];
    work.values[v] = golden::QuantizeToValue(network.values[v], inputs[i].data(), inputs[i].size());
  }
  return work;
}

void RunTopologyOnEngine(const TopologyWorkload& work, const golden::IntegerEngine& engine,
                         std::vector<std::vector<int32_t>>& values) {
  const qnn::Network& network = work.network;
  for (size_t i = 0; i < network.ops.size(); ++i) {
    std::vector<const std::vector<int32_t>*> op_inputs;
    for (int v : network.ops[i].inputs) op_inputs.push_back(&values[v]);
    engine.RunOp(i, op_inputs, work.images, values[network.ops[i].output]);
  }
}

report::RunReport RunTopologyJob(const config::RunConfig& config, const std::string& config_file,
                                 ProgressSink& progress, const sim::TraceSpec& trace) {
  if (config.energy.activity == config::Activity::kMeasured) {
    config::Refuse(config, "energy.activity",
                   "measured activity samples the network's real operands, and a topology's are "
                   "random; use table");
  }
  TopologyWorkload work = BuildTopologyWorkload(config, progress);
  const qnn::Network& network = work.network;
  const std::vector<nn::Graph>& graphs = work.graphs;
  const int images = work.images;
  const int64_t macs_per_image = work.macs_per_image;

  report::RunReport report = NewReport(config, config_file);
  report.has_accuracy = false;
  report.images = images;
  const golden::Datapath datapath = DatapathOf(config);
  report.datapath = DescribeDatapath(datapath);
  report.quant = SummarizeQuantization(network, config.quant.activation_bits);
  for (size_t i = 0; i < network.ops.size(); ++i) {
    const qnn::Op& op = network.ops[i];
    const nn::Graph& g = graphs[i];
    const int64_t macs = qnn::OpMacs(network, op);
    report.layers.push_back({op.name, "Conv", nn::ShapeToString(g.values[g.input].shape),
                             nn::ShapeToString(g.values[g.output].shape), macs,
                             nn::NodeParameters(g.nodes[0]), op.layer.storage.Total(), {}});
    report.float_bits += nn::NodeParameters(g.nodes[0]) * 32;
    report.weight_bits += op.layer.storage.Total();
  }

  if (config.sim.fidelity == config::Fidelity::kGolden) {
    // No accelerator: the integer engine's speed on these shapes (the floor of bench/).
    const golden::IntegerEngine engine(network, datapath);
    progress.Begin(report.fidelity, images, "images");
    const auto start = std::chrono::steady_clock::now();
    RunTopologyOnEngine(work, engine, work.values);
    report.host_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress.Update(images);
    progress.End();
    report.simulated_macs_per_s = report::PerSecond(macs_per_image * images, report.host_seconds);
    return report;
  }

  const sim::HardwareConfig hw = HardwareFor(config.accelerator, config.quant, network);
  sim::Simulator simulator(network, hw, SimFidelityOf(config.sim.fidelity),
                           config.accelerator.clock_mhz, trace);
  progress.Begin(report.fidelity, images, "images");
  const auto start = std::chrono::steady_clock::now();
  simulator.RunBatch(Lower(network, hw, images), std::move(work.values));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress.Update(images);
  progress.End();
  simulator.FinishTrace();
  FillAccelerator(simulator, hw, config, datapath, report);
  FillEnergy(simulator.stats(), simulator.cycles(), images, hw, config, nullptr, report);
  report.host_seconds = seconds;
  report.simulated_macs_per_s = report::PerSecond(macs_per_image * images, seconds);
  report.simulated_cycles_per_s = report::PerSecond(simulator.cycles(), seconds);
  return report;
}

}  // namespace qscale::driver
