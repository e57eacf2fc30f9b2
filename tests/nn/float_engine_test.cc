// FloatEngine: PyTorch's logits on every fixture, BatchNorm folding, and determinism.
#include "src/nn/float_engine.h"

#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "src/nn/onnx_import.h"
#include "tests/nn/onnx_fixtures.h"

namespace qscale::nn {
namespace {

// Inputs and reference outputs written by make_fixtures.py next to each model.
struct Expected {
  std::vector<float> inputs;   // images, image-major
  std::vector<float> outputs;  // logits, image-major
  int images = 0;
};

Expected ReadExpected(const std::string& name) {
  std::ifstream file(FixturePath(name));
  const nlohmann::json json = nlohmann::json::parse(file);
  Expected expected;
  for (const auto& image : json["inputs"]) {
    for (float v : image) expected.inputs.push_back(v);
    ++expected.images;
  }
  for (const auto& logits : json["outputs"]) {
    for (float v : logits) expected.outputs.push_back(v);
  }
  return expected;
}

void ExpectMatchesReference(const std::string& model, const std::string& reference) {
  const FloatEngine engine(ImportOnnx(FixturePath(model)));
  const Expected expected = ReadExpected(reference);
  const std::vector<float> logits = engine.Run(expected.inputs.data(), expected.images);
  ASSERT_EQ(logits.size(), expected.outputs.size());
  ASSERT_EQ(logits.size(), static_cast<size_t>(expected.images * engine.classes()));
  for (size_t i = 0; i < logits.size(); ++i) {
    EXPECT_NEAR(logits[i], expected.outputs[i], 1e-5 + 1e-4 * std::fabs(expected.outputs[i]))
        << model << " image " << i / engine.classes() << " class " << i % engine.classes();
  }
}

std::vector<float> RandomImages(const Graph& graph, int batch, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
  std::vector<float> images(
      static_cast<size_t>(batch * NumElements(graph.values[graph.input].shape)));
  for (float& v : images) v = pixel(rng);
  return images;
}

TEST(FloatEngine, TinyNetWithBatchNormAndResidualMatchesPyTorch) {
  ExpectMatchesReference("tiny_net.onnx", "tiny_net.json");
}

TEST(FloatEngine, TorchFusedExportOfTinyNetMatchesPyTorch) {
  ExpectMatchesReference("tiny_net_fused.onnx", "tiny_net.json");
}

TEST(FloatEngine, StridedConvPaddedPoolsAndGlobalPoolMatchPyTorch) {
  ExpectMatchesReference("gap_net.onnx", "gap_net.json");
}

TEST(FloatEngine, MatMulAddNetMatchesPyTorch) {
  ExpectMatchesReference("matmul_add.onnx", "matmul_add.json");
}

TEST(FloatEngine, ReshapeNetMatchesPyTorch) {
  ExpectMatchesReference("reshape.onnx", "reshape.json");
}

TEST(FloatEngine, GemmTransBZeroAndMatMulAddMatchNumpy) {
  ExpectMatchesReference("dense_variants.onnx", "dense_variants.json");
}

TEST(FloatEngine, FoldedBatchNormGivesTheLogitsOfTheUnfoldedNet) {
  // tiny_net.onnx keeps its BatchNormalization nodes (we fold them); tiny_net_fused.onnx was
  // folded by torch's exporter. Same net, so same logits on inputs neither was checked on.
  const FloatEngine ours(ImportOnnx(FixturePath("tiny_net.onnx")));
  const FloatEngine torch(ImportOnnx(FixturePath("tiny_net_fused.onnx")));
  const std::vector<float> images = RandomImages(ours.graph(), 37, 5);
  const std::vector<float> a = ours.Run(images.data(), 37);
  const std::vector<float> b = torch.Run(images.data(), 37);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-5 + 1e-5 * std::fabs(b[i]));
}

TEST(FloatEngine, LogitsDoNotDependOnTheThreadCount) {
  const Graph graph = ImportOnnx(FixturePath("gap_net.onnx"));
  const std::vector<float> images = RandomImages(graph, 70, 9);
  const std::vector<float> one = FloatEngine(graph, 1).Run(images.data(), 70);
  EXPECT_EQ(FloatEngine(graph, 2).Run(images.data(), 70), one);
  EXPECT_EQ(FloatEngine(graph, 3).Run(images.data(), 70), one);
  EXPECT_EQ(FloatEngine(graph).Run(images.data(), 70, [](int, int, int, const float*) {}), one);
}

TEST(FloatEngine, EmptyBatchGivesNoLogits) {
  const FloatEngine engine(ImportOnnx(FixturePath("tiny_net.onnx")));
  EXPECT_TRUE(engine.Run(nullptr, 0).empty());
  EXPECT_EQ(engine.classes(), 10);
}

TEST(FloatEngine, ObserverSeesEveryValueOfEveryImageOnce) {
  const Graph graph = ImportOnnx(FixturePath("tiny_net.onnx"));
  const int batch = FloatEngine::kChunkImages + 5;
  const std::vector<float> images = RandomImages(graph, batch, 3);
  std::map<int, int> images_seen;  // value id -> images observed
  std::vector<float> observed_logits(static_cast<size_t>(batch * 10));
  const FloatEngine engine(graph);
  const std::vector<float> logits =
      engine.Run(images.data(), batch, [&](int value, int first, int count, const float* data) {
        EXPECT_EQ(first, images_seen[value]);
        images_seen[value] += count;
        if (value == graph.output) std::copy(data, data + count * 10, &observed_logits[first * 10]);
        if (value == graph.input) {
          EXPECT_EQ(data[0], images[first * NumElements(graph.values[graph.input].shape)]);
        }
      });
  EXPECT_EQ(images_seen.size(), graph.nodes.size() + 1);
  for (const auto& [value, seen] : images_seen) EXPECT_EQ(seen, batch) << value;
  EXPECT_EQ(observed_logits, logits);
}

}  // namespace
}  // namespace qscale::nn
