#include "src/driver/run_job.h"

#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "src/config/config_listing.h"
#include "src/driver/dataset.h"
#include "src/driver/float_eval.h"
#include "src/driver/golden_eval.h"
#include "src/driver/quant_summary.h"
#include "src/driver/training_split.h"
#include "src/golden/engine.h"
#include "src/nn/float_engine.h"
#include "src/nn/onnx_import.h"
#include "src/nn/summary.h"
#include "src/quant/quantize.h"

namespace qscale::driver {
namespace {

constexpr int64_t kFloatBits = 32;

// Rejects what a later issue builds, before any expensive work, naming the key and the way out.
void RequireBuilt(const config::RunConfig& config) {
  if (config.quant.scheme != config::QuantScheme::kFloat &&
      config.sim.fidelity != config::Fidelity::kGolden) {
    throw std::runtime_error(fmt::format(
        "{}: sim.fidelity {}: the accelerator model is not built yet; run with --set "
        "sim.fidelity=golden",
        config.source, config::ToString(config.sim.fidelity)));
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

}  // namespace

golden::Datapath DatapathOf(const config::RunConfig& config) {
  golden::Datapath datapath;
  datapath.csd_quality = config.accelerator.csd_quality;
  datapath.accumulator_bits = config.accelerator.accumulator_bits;
  switch (config.accelerator.multiplier) {
    case config::MultiplierKind::kCsd:
      datapath.multiplier = golden::MulKind::kCsd;
      break;
    case config::MultiplierKind::kBitserial:
      datapath.multiplier = golden::MulKind::kBitSerial;
      break;
    case config::MultiplierKind::kExact:
    case config::MultiplierKind::kSp2:
      datapath.multiplier = golden::MulKind::kExact;
      break;
  }
  if (config.quant.scheme == config::QuantScheme::kMsq) datapath.multiplier = golden::MulKind::kExact;
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
  }
  return fmt::format("{}, {}-bit saturating accumulator", multiplier, datapath.accumulator_bits);
}

report::RunReport RunJob(const config::RunConfig& config, const std::string& config_file,
                         ProgressSink& progress) {
  RequireBuilt(config);
  const nn::Graph graph = nn::ImportOnnx(config.network);
  const LabelledImages images = LoadLabelledImages(config.dataset.test_images,
                                                   config.dataset.test_labels,
                                                   config.dataset.images);
  CheckImagesFitNetwork(images, config.dataset.test_images, config.dataset.test_labels,
                        graph);

  report::RunReport report;
  report.config_file = config_file;
  report.network = config.network;
  report.scheme = std::string(config::ToString(config.quant.scheme));
  report.fidelity = std::string(config::ToString(config.sim.fidelity));
  report.config = config::Flatten(config);

  const nn::FloatEngine float_engine(graph);
  const EvalResult reference = Stage(progress, "float", images.count, [&](const ProgressFn& fn) {
    return EvaluateFloat(float_engine, images, config.sim.batch, fn);
  });
  report.float_top1 = reference.top1;

  EvalResult result = reference;
  std::map<std::string, int64_t> stored_bits;  // by layer name
  if (config.quant.scheme != config::QuantScheme::kFloat) {
    config::RequireFile(config, "dataset.train_images");
    config::RequireFile(config, "dataset.train_labels");
    const bool fixed = config.quant.scheme == config::QuantScheme::kFixed;
    const TrainingSplit split = LoadTrainingSplit(
        config.dataset.train_images, config.dataset.train_labels, config.calibration.images,
        fixed ? config.quant.fixed.validation_images : 0, config.calibration.seed);
    quant::QuantData data;
    data.calibration = split.calibration.pixels.data();
    data.calibration_count = split.calibration.count;
    data.validation = split.validation.pixels.data();
    data.validation_labels = split.validation.labels.data();
    data.validation_count = split.validation.count;
    const qnn::Network network = quant::Quantize(
        graph, config.quant, data, [&progress](const std::string& what, int done, int total) {
          if (done == 0) progress.Begin(what, total, "steps");
          progress.Update(done);
          if (done == total) progress.End();
        });
    const golden::Datapath datapath = DatapathOf(config);
    const golden::IntegerEngine engine(network, datapath);
    result = Stage(progress, report.scheme, images.count, [&](const ProgressFn& fn) {
      return EvaluateGolden(engine, images, config.sim.batch, fn);
    });
    report.datapath = DescribeDatapath(datapath);
    report.quant = SummarizeQuantization(network, config.quant.activation_bits);
    for (const qnn::Op& op : network.ops) {
      if (qnn::IsArrayOp(op.kind)) stored_bits[op.name] = op.layer.storage.Total();
    }
  }
  report.images = result.images;
  report.top1 = result.top1;

  int64_t macs_per_image = 0;
  for (const nn::LayerSummary& layer : nn::Summarize(graph)) {
    const int64_t float_bits = layer.parameters * kFloatBits;
    const auto stored = stored_bits.find(layer.name);
    const int64_t bits = stored_bits.empty() ? float_bits
                         : stored == stored_bits.end() ? 0
                                                       : stored->second;
    report.layers.push_back({layer.name, layer.op, nn::ShapeToString(layer.input_shape),
                             nn::ShapeToString(layer.output_shape), layer.macs, layer.parameters,
                             bits});
    report.weight_bits += bits;
    report.float_bits += float_bits;
    macs_per_image += layer.macs;
  }
  report.host_seconds = result.seconds;
  report.simulated_macs_per_s =
      result.seconds > 0 ? static_cast<double>(macs_per_image) * result.images / result.seconds
                         : 0.0;
  return report;
}

}  // namespace qscale::driver
