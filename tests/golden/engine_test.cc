// The golden integer engine: the GEMM path equals the MAC-by-MAC path through the golden units on
// every value of the real networks, saturation is honoured, and the approximate multiplier
// changes results.
#include "src/golden/engine.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/golden/requantize.h"
#include "tests/quant/quant_fixture.h"

namespace qscale::golden {
namespace {

// Every value's integers for the first `images` test images.
std::map<int, std::vector<int32_t>> AllValues(const IntegerEngine& engine, int images = 3) {
  const driver::LabelledImages test = testing::TestImages(images);
  const std::vector<int32_t> input = engine.QuantizeInput(test.pixels.data(), images);
  std::map<int, std::vector<int32_t>> values;
  engine.Run(input.data(), images, [&](int value, int, int count, const int32_t* data) {
    const int64_t size = qnn::NumElements(engine.network().values[value].shape) * count;
    values[value].assign(data, data + size);
  });
  return values;
}

void ExpectPathsAgree(const qnn::Network& net, const Datapath& datapath, const std::string& what,
                      int images = 3) {
  const IntegerEngine fast(net, datapath);
  const IntegerEngine reference(net, datapath, 1, /*reference=*/true);
  const auto a = AllValues(fast, images);
  const auto b = AllValues(reference, images);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [value, data] : a) {
    ASSERT_EQ(data, b.at(value)) << what << ": value " << net.values[value].name;
  }
}

TEST(Engine, GemmPathEqualsTheGoldenUnitsOnEveryValueOfBothNetworks) {
  for (auto scheme : {config::QuantScheme::kInt8, config::QuantScheme::kQsq,
                      config::QuantScheme::kNuuq, config::QuantScheme::kMsq}) {
    for (const char* model : {"lenet5_fmnist", "resnet8_fmnist"}) {
      const qnn::Network net = testing::QuantizeModel(model, testing::Spec(scheme));
      // The MAC-by-MAC path costs ~100 ns a MAC: one ResNet image (9.3 M MACs) is enough.
      const int images = std::string(model) == "lenet5_fmnist" ? 3 : 1;
      for (Datapath dp : {Datapath{MulKind::kExact, 8, 32}, Datapath{MulKind::kCsd, 2, 32}}) {
        ExpectPathsAgree(net, dp, std::string(config::ToString(scheme)) + " " + model, images);
      }
    }
  }
}

TEST(Engine, NarrowAccumulatorSaturatesInKOrderOnBothPaths) {
  const qnn::Network net =
      testing::QuantizeModel("lenet5_fmnist", testing::Spec(config::QuantScheme::kInt8));
  const Datapath narrow{MulKind::kExact, 8, 14};
  const IntegerEngine engine(net, narrow);
  int sequential = 0;
  for (LayerPath path : engine.paths()) sequential += path == LayerPath::kSequential;
  EXPECT_GT(sequential, 0);
  ExpectPathsAgree(net, narrow, "14-bit accumulator");
  EXPECT_NE(AllValues(engine).at(net.output),
            AllValues(IntegerEngine(net, Datapath{MulKind::kExact, 8, 32})).at(net.output));
}

TEST(Engine, LowCsdQualityChangesTheLogits) {
  const qnn::Network net =
      testing::QuantizeModel("lenet5_fmnist", testing::Spec(config::QuantScheme::kQsq));
  const auto exact = AllValues(IntegerEngine(net, {MulKind::kExact, 8, 32})).at(net.output);
  const auto q8 = AllValues(IntegerEngine(net, {MulKind::kCsd, 8, 32})).at(net.output);
  const auto q1 = AllValues(IntegerEngine(net, {MulKind::kCsd, 1, 32})).at(net.output);
  EXPECT_EQ(exact, q8);
  EXPECT_NE(exact, q1);
}

TEST(Engine, ResultsDoNotDependOnThreadsOrBatchSplit) {
  const qnn::Network net =
      testing::QuantizeModel("resnet8_fmnist", testing::Spec(config::QuantScheme::kNuuq));
  const driver::LabelledImages images = testing::TestImages(40);
  const IntegerEngine one(net, {}, 1);
  const IntegerEngine two(net, {}, 2);
  const std::vector<int32_t> input = one.QuantizeInput(images.pixels.data(), 40);
  const std::vector<int32_t> all = two.Run(input.data(), 40);
  EXPECT_EQ(all, one.Run(input.data(), 40));
  const std::vector<int32_t> tail = one.Run(input.data() + 17 * 784, 23);
  EXPECT_EQ(std::vector<int32_t>(all.begin() + 17 * 10, all.end()), tail);
}

TEST(Engine, FloatDoubleAndSplitGemmsGiveTheMacByMacIntegers) {
  // 8-bit activations keep LeNet's partial sums below 2^24 (float GEMM); 16-bit ones do not
  // (double GEMM). Both against the MAC-by-MAC path.
  for (int bits : {8, 16}) {
    config::QuantSpec spec = testing::Spec(config::QuantScheme::kInt8);
    spec.activation_bits = bits;
    const qnn::Network net = testing::QuantizeModel("lenet5_fmnist", spec);
    const Datapath datapath{MulKind::kExact, 8, 32};
    const IntegerEngine engine(net, datapath);
    const LayerPath expected = bits == 8 ? LayerPath::kGemmFloat : LayerPath::kGemm;
    int matching = 0;
    for (size_t i = 0; i < net.ops.size(); ++i) {
      if (qnn::IsArrayOp(net.ops[i].kind)) matching += engine.paths()[i] == expected;
    }
    EXPECT_GT(matching, 0) << bits << "-bit activations";
    ExpectPathsAgree(net, datapath, std::to_string(bits) + "-bit activations");
  }
  // 8 images of ResNet-8 in one chunk: its 3x3 convolutions exceed kSplitMacs and split their
  // columns over two threads.
  const qnn::Network net =
      testing::QuantizeModel("resnet8_fmnist", testing::Spec(config::QuantScheme::kQsq));
  const IntegerEngine one(net, {}, 1);
  const IntegerEngine two(net, {}, 2);
  int64_t largest = 0;
  for (const qnn::Op& op : net.ops) {
    if (qnn::IsArrayOp(op.kind)) largest = std::max(largest, qnn::OpMacs(net, op) * 8);
  }
  ASSERT_GE(largest, IntegerEngine::kSplitMacs);
  const auto a = AllValues(one, 8);
  const auto b = AllValues(two, 8);
  for (const auto& [value, data] : a) {
    ASSERT_EQ(data, b.at(value)) << "value " << net.values[value].name;
  }
}

TEST(Engine, RefusesARequantizerShiftOutOfRangeWhenBuilt) {
  // The hot loop requantizes unchecked: the engine checks every row's parameters up front.
  qnn::Network net =
      testing::QuantizeModel("lenet5_fmnist", testing::Spec(config::QuantScheme::kInt8));
  auto op = std::find_if(net.ops.begin(), net.ops.end(),
                         [](const qnn::Op& o) { return qnn::IsArrayOp(o.kind); });
  ASSERT_NE(op, net.ops.end());
  op->layer.requant.back().shift = kRequantizeMaxShift + 1;
  try {
    const IntegerEngine engine(net, {});
    ADD_FAILURE() << "no error for shift " << kRequantizeMaxShift + 1;
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("shift"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace qscale::golden
