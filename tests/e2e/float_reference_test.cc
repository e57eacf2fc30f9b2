// The float reference path against the PyTorch figures recorded in the model cards: the first
// 16 logits of each network, and top-1 over all 10,000 Fashion-MNIST test images through the
// qscale binary.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "src/driver/dataset.h"
#include "src/nn/float_engine.h"
#include "src/nn/onnx_import.h"
#include "tests/e2e/run_helpers.h"

namespace qscale::e2e {
namespace {

constexpr char kTestImages[] = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
constexpr char kTestLabels[] = "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz";

class FloatReference : public ::testing::TestWithParam<std::string> {
 protected:
  std::string Onnx() const { return std::string(QSCALE_SOURCE_DIR) + "/models/" + GetParam() + ".onnx"; }
  nlohmann::json Card() const {
    return nlohmann::json::parse(
        ReadFile(std::string(QSCALE_SOURCE_DIR) + "/models/" + GetParam() + ".json"));
  }
};

TEST_P(FloatReference, FirstSixteenLogitsMatchTheModelCard) {
  const nlohmann::json card = Card();
  const nn::FloatEngine engine(nn::ImportOnnx(Onnx()));
  const driver::LabelledImages images = driver::LoadLabelledImages(kTestImages, kTestLabels, 16);
  const std::vector<float> logits = engine.Run(images.pixels.data(), 16);
  const auto& want = card.at("first16_logits");
  ASSERT_EQ(want.size(), 16u);
  ASSERT_EQ(logits.size(), 16 * want[0].size());
  const size_t classes = want[0].size();
  for (size_t i = 0; i < 16; ++i) {
    for (size_t c = 0; c < classes; ++c) {
      const double expected = want[i][c].get<double>();
      const double got = logits[i * classes + c];
      // Relative to the logit, with logits near zero measured against 1.
      ASSERT_LE(std::abs(got - expected), 1e-4 * std::max(1.0, std::abs(expected)))
          << GetParam() << " image " << i << " class " << c;
    }
    EXPECT_EQ(images.labels[i], card.at("first16_labels")[i].get<int>());
  }
}

TEST_P(FloatReference, TestSetTop1MatchesTheModelCardWithinHalfAPermille) {
  const std::string json = ScratchDir() + "/report.json";
  const CommandResult run =
      RunQscale("run configs/default.yaml --quiet --set quant.scheme=float --set network=models/" +
                GetParam() + ".onnx --images 10000 --json " + json);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json report = nlohmann::json::parse(ReadFile(json));
  EXPECT_EQ(report.at("schema"), "qscale.report/1");
  EXPECT_EQ(report.at("accuracy").at("images"), 10000);
  const double top1 = report.at("accuracy").at("top1").get<double>();
  const double card_top1 = Card().at("test_top1").get<double>();
  EXPECT_NEAR(top1, card_top1, 0.0005) << GetParam();
  EXPECT_EQ(report.at("accuracy").at("float_top1").get<double>(), top1);
  EXPECT_GT(report.at("host").at("simulated_macs_per_s").get<double>(), 0);
}

INSTANTIATE_TEST_SUITE_P(Models, FloatReference,
                         ::testing::Values("lenet5_fmnist", "resnet8_fmnist"));

TEST(Inspect, LenetMacsAndParametersEqualTheHandCount) {
  // conv1 6x28x28 outputs x 1x5x5 taps; conv2 16x10x10 x 6x5x5; fc 400x120, 120x84, 84x10.
  const int64_t macs = 6 * 28 * 28 * 25 + 16 * 10 * 10 * 150 + 400 * 120 + 120 * 84 + 84 * 10;
  const int64_t params = (6 * 25 + 6) + (16 * 150 + 16) + (400 * 120 + 120) + (120 * 84 + 84) +
                         (84 * 10 + 10);
  const std::string json = ScratchDir() + "/inspect.json";
  const CommandResult run = RunQscale("inspect models/lenet5_fmnist.onnx --json " + json);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json table = nlohmann::json::parse(ReadFile(json));
  EXPECT_EQ(table.at("totals").at("macs").get<int64_t>(), macs);
  EXPECT_EQ(table.at("totals").at("parameters").get<int64_t>(), params);
  EXPECT_NE(run.out.find("416,520"), std::string::npos) << run.out;
  int convs = 0, denses = 0;
  for (const auto& layer : table.at("layers")) {
    convs += layer.at("op") == "Conv";
    denses += layer.at("op") == "Dense";
  }
  EXPECT_EQ(convs, 2);
  EXPECT_EQ(denses, 3);
}

}  // namespace
}  // namespace qscale::e2e
