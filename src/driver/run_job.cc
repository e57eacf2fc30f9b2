#include "src/driver/run_job.h"

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/simulator.h"
#include "src/config/config_listing.h"
#include "src/driver/accelerator_eval.h"
#include "src/driver/dataset.h"
#include "src/driver/energy_eval.h"
#include "src/driver/float_eval.h"
#include "src/driver/golden_eval.h"
#include "src/driver/lowering.h"
#include "src/driver/quant_summary.h"
#include "src/driver/topology_job.h"
#include "src/driver/training_split.h"
#include "src/golden/engine.h"
#include "src/golden/host_threads.h"
#include "src/nn/float_engine.h"
#include "src/nn/onnx_import.h"
#include "src/nn/summary.h"
#include "src/quant/fixed.h"
#include "src/quant/quantize.h"
#include "src/report/fnv1a.h"

namespace qscale::driver {
namespace {

// FNV-1a (64-bit) over the little-endian bytes of every output integer, as 16 hex digits.
std::string LogitsDigest(const std::vector<int32_t>& logits) {
  std::string bytes;
  bytes.reserve(logits.size() * 4);
  for (int32_t v : logits) {
    for (int b = 0; b < 4; ++b) bytes += static_cast<char>(static_cast<uint32_t>(v) >> (8 * b));
  }
  return fmt::format("{:016x}", report::Fnv1a(bytes));
}

constexpr int64_t kFloatBits = 32;

}  // namespace

void FillAccelerator(const sim::Simulator& simulator, const sim::HardwareConfig& hw,
                     const config::RunConfig& config, const golden::Datapath& datapath,
                     report::RunReport& report) {
  report::AcceleratorSummary& a = report.accelerator;
  a.present = true;
  a.clock_mhz = config.accelerator.clock_mhz;
  a.hardware = fmt::format("{}x{} {} array{}, {}, {} KiB weight / {} KiB input / {} KiB output "
                           "buffers, DRAM {} B/cycle + {} cycles",
                           hw.shape.rows, hw.shape.cols, hw.output_stationary ? "os" : "ws",
                           hw.shape.sp2_cols ? fmt::format(" ({} SP2 columns)", hw.shape.sp2_cols)
                                             : "",
                           DescribeDatapath(datapath), config.accelerator.sram.weight_kib,
                           config.accelerator.sram.input_kib, config.accelerator.sram.output_kib,
                           hw.dram_bytes_per_cycle, hw.dram_latency_cycles);
  a.cycles = simulator.cycles();
  int64_t macs = 0, pe_slots = 0;
  int64_t actions[7] = {0, 0, 0, 0, 0, 0, 0};
  std::map<std::string, const sim::StepStats*> by_name;
  for (const sim::StepStats& s : simulator.stats()) {
    by_name[s.name] = &s;
    a.compute_cycles += s.compute_cycles;
    a.fill_drain_cycles += s.fill_drain_cycles;
    a.weight_load_cycles += s.weight_load_cycles;
    a.stall_cycles += s.stall_cycles;
    a.dram_bits.weights += s.dram_bits[0];
    a.dram_bits.inputs += s.dram_bits[1];
    a.dram_bits.outputs += s.dram_bits[2];
    a.sram_read_bits.weights += s.sram_read_bits[0];
    a.sram_read_bits.inputs += s.sram_read_bits[1];
    a.sram_read_bits.outputs += s.sram_read_bits[2];
    a.sram_write_bits.weights += s.sram_write_bits[0];
    a.sram_write_bits.inputs += s.sram_write_bits[1];
    a.sram_write_bits.outputs += s.sram_write_bits[2];
    macs += s.macs;
    pe_slots += s.pe_slots;
    const int64_t counts[7] = {s.macs, s.multiplier_macs, s.sp2_macs, s.csd_active_rows,
                               s.decodes, s.requantizations, s.vector_elements};
    for (int i = 0; i < 7; ++i) actions[i] += counts[i];
  }
  const int64_t pes = int64_t{hw.shape.rows} * hw.shape.cols;
  a.utilization = a.cycles > 0 ? static_cast<double>(macs) / (static_cast<double>(a.cycles) * pes)
                               : 0.0;
  const char* names[7] = {"macs", "multiplier_macs", "sp2_macs", "csd_active_rows", "decodes",
                          "requantizations", "vector_elements"};
  for (int i = 0; i < 7; ++i) a.actions.emplace_back(names[i], static_cast<double>(actions[i]));
  for (report::LayerRow& row : report.layers) {
    const auto it = by_name.find(row.name);
    if (it == by_name.end()) continue;
    const sim::StepStats& s = *it->second;
    report::LayerCycles& c = row.sim;
    c.simulated = true;
    c.cycles = s.cycles;
    c.compute_cycles = s.compute_cycles;
    c.fill_drain_cycles = s.fill_drain_cycles;
    c.weight_load_cycles = s.weight_load_cycles;
    c.stall_cycles = s.stall_cycles;
    c.utilization = s.pe_slots > 0 ? static_cast<double>(s.macs) / s.pe_slots : 0.0;
    c.dram_bits = {s.dram_bits[0], s.dram_bits[1], s.dram_bits[2]};
  }
}

// Runs `evaluate` as a progress stage over `count` images.
template <typename Fn>
EvalResult Stage(ProgressSink& progress, const std::string& name, int count, Fn evaluate) {
  progress.Begin(name, count, "images");
  EvalResult result = evaluate([&progress](int done) { progress.Update(done); });
  progress.End();
  return result;
}

qnn::Network QuantizeFor(const config::RunConfig& config, const nn::Graph& graph,
                         ProgressSink& progress) {
  config::RequireFile(config, "dataset.train_images");
  config::RequireFile(config, "dataset.train_labels");
  const bool fixed = config.quant.scheme == config::QuantScheme::kFixed;
  const TrainingSplit split = LoadTrainingSplit(
      config.dataset.train_images, config.dataset.train_labels, config.calibration.images,
      fixed ? config.quant.fixed.validation_images : 0, config.calibration.seed);
  return quant::Quantize(graph, config.quant, QuantDataOf(split),
                         [&progress](const std::string& what, int done, int total) {
                           if (done == 0) progress.Begin(what, total, "steps");
                           progress.Update(done);
                           if (done == total) progress.End();
                         });
}

golden::Datapath DatapathOf(const config::RunConfig& config) {
  golden::Datapath datapath;
  datapath.csd_quality = config.accelerator.csd_quality;
  datapath.accumulator_bits = config.accelerator.accumulator_bits;
  datapath.multiplier = MultiplierKindOf(config.accelerator, config.quant);
  return datapath;
}

std::string DescribeDatapath(const golden::Datapath& datapath) {
  std::string multiplier;
  switch (datapath.multiplier) {
    case golden::MulKind::kExact:
      multiplier = "exact multiplier";
      break;
    case golden::MulKind::kCsd:
      multiplier = fmt::format("csd multiplier (quality {})", datapath.csd_quality);
      break;
    case golden::MulKind::kBitSerial:
      multiplier = "bit-serial multiplier";
      break;
    case golden::MulKind::kSp2:
      multiplier = "SP2 shift-add multiplier";
      break;
  }
  return fmt::format("{}, {}-bit saturating accumulator", multiplier, datapath.accumulator_bits);
}

report::RunReport NewReport(const config::RunConfig& config, const std::string& config_file) {
  report::RunReport report;
  report.config_file = config_file;
  report.network = config.network;
  report.scheme = std::string(config::ToString(config.quant.scheme));
  report.fidelity = std::string(config::ToString(config.sim.fidelity));
  report.config = config::Flatten(config);
  return report;
}

sim::SimFidelity SimFidelityOf(config::Fidelity fidelity) {
  return fidelity == config::Fidelity::kRtl ? sim::SimFidelity::kRtl : sim::SimFidelity::kFast;
}

report::RunReport RunJob(const config::RunConfig& config, const std::string& config_file,
                         ProgressSink& progress, const sim::TraceSpec& trace) {
  if (!trace.path.empty() && config.sim.fidelity != config::Fidelity::kRtl) {
    throw std::runtime_error(fmt::format(
        "--trace {}: the trace records the verilated array, which runs only with sim.fidelity "
        "rtl (add --set sim.fidelity=rtl)",
        trace.path));
  }
  if (config::IsTopologyNetwork(config.network)) {
    return RunTopologyJob(config, config_file, progress, trace);
  }
  const nn::Graph graph = nn::ImportOnnx(config.network);
  const LabelledImages images = LoadLabelledImages(config.dataset.test_images,
                                                   config.dataset.test_labels,
                                                   config.dataset.images);
  CheckImagesFitNetwork(images, config.dataset.test_images, config.dataset.test_labels,
                        graph);

  report::RunReport report = NewReport(config, config_file);
  int64_t macs_per_image = 0;
  for (const nn::LayerSummary& layer : nn::Summarize(graph)) {
    const int64_t float_bits = layer.parameters * kFloatBits;
    report.layers.push_back({layer.name, layer.op, nn::ShapeToString(layer.input_shape),
                             nn::ShapeToString(layer.output_shape), layer.macs, layer.parameters,
                             float_bits, {}});
    report.float_bits += float_bits;
    macs_per_image += layer.macs;
  }

  const nn::FloatEngine float_engine(graph, golden::HostThreads());
  const EvalResult reference = Stage(progress, "float", images.count, [&](const ProgressFn& fn) {
    return EvaluateFloat(float_engine, images, config.sim.batch, fn);
  });
  report.float_top1 = reference.top1;

  EvalResult result = reference;
  int64_t cycles = 0;
  if (config.quant.scheme != config::QuantScheme::kFloat) {
    const qnn::Network network = QuantizeFor(config, graph, progress);
    const golden::Datapath datapath = DatapathOf(config);
    const golden::IntegerEngine engine(network, datapath);
    report.datapath = DescribeDatapath(datapath);
    report.quant = SummarizeQuantization(network, config.quant.activation_bits);
    if (config.quant.scheme == config::QuantScheme::kFixed) {
      const quant::FixedCosts costs = quant::FixedCostRatios(network);
      report.quant.details.emplace_back("memory_vs_8bit_ratio", costs.memory_ratio);
      report.quant.details.emplace_back("multiplication_cost_vs_8bit_ratio",
                                        costs.multiplication_ratio);
      report.quant.details.emplace_back("operand_multiplication_cost_vs_8bit_ratio",
                                        costs.operand_multiplication_ratio);
    }
    std::map<std::string, int64_t> stored;  // by layer name
    for (const qnn::Op& op : network.ops) {
      if (qnn::IsArrayOp(op.kind)) stored[op.name] = op.layer.storage.Total();
    }
    for (report::LayerRow& row : report.layers) {
      const auto it = stored.find(row.name);
      row.weight_bits = it == stored.end() ? 0 : it->second;
    }

    if (config.sim.fidelity == config::Fidelity::kGolden) {
      result = Stage(progress, report.scheme, images.count, [&](const ProgressFn& fn) {
        return EvaluateGolden(engine, images, config.sim.batch, fn);
      });
    } else {
      const sim::HardwareConfig hw = HardwareFor(config.accelerator, config.quant, network);
      sim::Simulator simulator(network, hw, SimFidelityOf(config.sim.fidelity),
                               config.accelerator.clock_mhz, trace);
      result = Stage(progress, report.fidelity, images.count, [&](const ProgressFn& fn) {
        const AcceleratorResult run =
            EvaluateOnAccelerator(simulator, engine, hw, images, config.sim.batch, true, fn);
        report.logits_digest = LogitsDigest(run.logits);
        return run.eval;
      });
      simulator.FinishTrace();
      FillAccelerator(simulator, hw, config, datapath, report);
      cycles = simulator.cycles();
      ActivitySample sample;
      if (config.energy.activity == config::Activity::kMeasured) {
        sample.network = &network;
        sample.engine = &engine;
        sample.images = std::min(golden::IntegerEngine::kChunkImages, images.count);
        sample.input = engine.QuantizeInput(images.pixels.data(), sample.images);
      }
      FillEnergy(simulator.stats(), cycles, result.images, hw, config, &sample, report);
    }
  } else if (config.sim.fidelity != config::Fidelity::kGolden) {
    FillFloatEnergy(config, graph, result.images, report);
  }
  for (const report::LayerRow& row : report.layers) report.weight_bits += row.weight_bits;
  report.images = result.images;
  report.top1 = result.top1;
  report.host_seconds = result.seconds;
  report.simulated_macs_per_s =
      report::PerSecond(static_cast<double>(macs_per_image) * result.images, result.seconds);
  report.simulated_cycles_per_s = report::PerSecond(static_cast<double>(cycles), result.seconds);
  return report;
}

}  // namespace qscale::driver
