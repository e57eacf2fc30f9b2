// The fine-tuned models (models/qat.py, issue 10) through the qscale binary. Each card records
// the PyTorch fake-quantized top-1 on all 10,000 test images and on the first 500/1000/2000;
// here the golden engine runs the card's config (configs/finetuned/) on the first kImages test
// images and must agree with the card on those images within 0.2 points, and the card's full
// test-set figure must meet the loss vs float. The full 10,000-image golden run (a few
// minutes per model on 2 cores) is docs/finetuning.md's table, not a CI test.
#include <cmath>
#include <iostream>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_helpers.h"

namespace qscale::e2e {
namespace {

constexpr int kImages = 1000;

struct FineTunedCase {
  const char* name;
  double max_loss;  // top-1 loss vs the float model it started from, fraction
};

void PrintTo(const FineTunedCase& c, std::ostream* os) { *os << c.name; }

class FineTunedRun : public ::testing::TestWithParam<FineTunedCase> {};

nlohmann::json Card(const std::string& name) {
  return nlohmann::json::parse(
      ReadFile(std::string(QSCALE_SOURCE_DIR) + "/models/" + name + ".json"));
}

TEST_P(FineTunedRun, CardsFakeQuantTop1IsWithinTheLossBudgetOfFloat) {
  const nlohmann::json card = Card(GetParam().name);
  EXPECT_EQ(card.at("test_images"), 10000);
  EXPECT_LE(card.at("float_model").at("test_top1").get<double>() -
                card.at("fake_quant_top1").get<double>(),
            GetParam().max_loss);
}

TEST_P(FineTunedRun, GoldenTop1OfItsConfigMatchesTheCardOnTheFirstImages) {
  const std::string name = GetParam().name;
  const nlohmann::json card = Card(name);
  const std::string config = card.at("qscale_config");
  EXPECT_EQ(config, "configs/finetuned/" + name + ".yaml");
  std::string sets = " --images " + std::to_string(kImages);
  for (const auto& set : card.at("qscale_overrides")) sets += " --set " + set.get<std::string>();
  const std::string json = ScratchDir() + "/" + name + ".json";
  const CommandResult run = RunQscale("run " + config + " --quiet" + sets + " --json " + json);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json report = nlohmann::json::parse(ReadFile(json));
  EXPECT_EQ(report["network"], "models/" + name + ".onnx");
  EXPECT_EQ(report["accuracy"]["images"], kImages);
  const double top1 = report["accuracy"]["top1"].get<double>();
  const double fake =
      card.at("fake_quant_top1_first_images").at(std::to_string(kImages)).get<double>();
  std::cout << name << ": golden " << top1 << ", fake-quant " << fake << " (first " << kImages
            << " images)\n";
  EXPECT_LE(std::abs(top1 - fake), 0.002);
}

INSTANTIATE_TEST_SUITE_P(LeNet5, FineTunedRun,
                         ::testing::Values(FineTunedCase{"lenet5_fmnist_qsq", 0.005},
                                           FineTunedCase{"lenet5_fmnist_nuuq4", 0.005},
                                           FineTunedCase{"lenet5_fmnist_nuuq3", 0.010},
                                           FineTunedCase{"lenet5_fmnist_msq", 0.005}),
                         [](const auto& info) { return std::string(info.param.name).substr(14); });

}  // namespace
}  // namespace qscale::e2e
