#include "tests/quant/quant_fixture.h"

#include <map>
#include <memory>

#include "src/nn/onnx_import.h"

namespace qscale::testing {
namespace {

constexpr char kTrainImages[] = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
constexpr char kTrainLabels[] = "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz";
constexpr char kTestImages[] = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
constexpr char kTestLabels[] = "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz";

}  // namespace

const nn::Graph& Model(const std::string& name) {
  static std::map<std::string, std::unique_ptr<nn::Graph>> cache;
  std::unique_ptr<nn::Graph>& graph = cache[name];
  if (!graph) {
    graph = std::make_unique<nn::Graph>(
        nn::ImportOnnx(std::string(QSCALE_SOURCE_DIR) + "/models/" + name + ".onnx"));
  }
  return *graph;
}

const driver::TrainingSplit& Split() {
  static const driver::TrainingSplit split =
      driver::LoadTrainingSplit(kTrainImages, kTrainLabels, kCalibrationImages, kValidationImages, 1);
  return split;
}

driver::LabelledImages TestImages(int count) {
  return driver::LoadLabelledImages(kTestImages, kTestLabels, count);
}

quant::QuantData Data() { return driver::QuantDataOf(Split()); }

config::QuantSpec Spec(config::QuantScheme scheme) {
  config::QuantSpec spec;
  spec.scheme = scheme;
  return spec;
}

qnn::Network QuantizeModel(const std::string& model, const config::QuantSpec& spec) {
  return quant::Quantize(Model(model), spec, Data());
}

}  // namespace qscale::testing
