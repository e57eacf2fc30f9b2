#include "src/cli/run_command.h"

#include <fmt/format.h>

#include "src/cli/progress_bar.h"
#include "src/config/config_listing.h"
#include "src/config/run_config.h"
#include "src/driver/dataset.h"
#include "src/driver/float_eval.h"
#include "src/nn/float_engine.h"
#include "src/nn/onnx_import.h"
#include "src/nn/summary.h"
#include "src/report/atomic_file.h"
#include "src/report/run_report.h"

namespace qscale::cli {
namespace {

constexpr int64_t kFloatBits = 32;

// Rejects what a later issue builds, before any expensive work, naming the key and the way out.
void RequireBuilt(const config::RunConfig& config) {
  if (config.quant.scheme != config::QuantScheme::kFloat) {
    throw std::runtime_error(fmt::format(
        "{}: quant.scheme {}: the quantizers are not built yet; run with --set "
        "quant.scheme=float",
        config.source, config::ToString(config.quant.scheme)));
  }
}

}  // namespace

int RunRun(const RunArgs& args, std::ostream& out) {
  std::vector<std::string> overrides = args.overrides;
  if (args.images) overrides.push_back(fmt::format("dataset.images={}", *args.images));
  const config::RunConfig config = config::LoadRunConfig(args.config, overrides);
  RequireBuilt(config);

  const nn::Graph graph = nn::ImportOnnx(config.network);
  const driver::LabelledImages images = driver::LoadLabelledImages(
      config.dataset.test_images, config.dataset.test_labels, config.dataset.images);
  driver::CheckImagesFitNetwork(images, config.dataset.test_images, graph);

  const nn::FloatEngine engine(graph);
  ProgressBar bar("float", images.count, "images", !args.quiet);
  const driver::EvalResult result = driver::EvaluateFloat(
      engine, images, config.sim.batch, [&bar](int done) { bar.Update(done); });
  bar.Finish();

  report::RunReport report;
  report.config_file = args.config;
  report.network = config.network;
  report.scheme = std::string(config::ToString(config.quant.scheme));
  report.fidelity = std::string(config::ToString(config.sim.fidelity));
  report.config = config::Flatten(config);
  report.images = result.images;
  report.top1 = result.top1;
  report.float_top1 = result.top1;
  int64_t macs_per_image = 0;
  for (const nn::LayerSummary& layer : nn::Summarize(graph)) {
    const int64_t bits = layer.parameters * kFloatBits;
    report.layers.push_back({layer.name, layer.op, nn::ShapeToString(layer.input_shape),
                             nn::ShapeToString(layer.output_shape), layer.macs,
                             layer.parameters, bits});
    report.weight_bits += bits;
    macs_per_image += layer.macs;
  }
  report.float_bits = report.weight_bits;
  report.host_seconds = result.seconds;
  report.simulated_macs_per_s =
      result.seconds > 0 ? static_cast<double>(macs_per_image) * result.images / result.seconds
                         : 0.0;

  out << report::FormatSummary(report);
  if (!args.json.empty()) {
    report::WriteFileAtomically(args.json, report::ToJson(report));
    out << "report     " << args.json << "\n";
  }
  return 0;
}

}  // namespace qscale::cli
