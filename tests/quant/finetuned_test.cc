// The fine-tuned models (models/qat.py, issue 10) are fixed points of their scheme's quantizer:
// quantizing one keeps every weight bit for bit and recovers the stored parameters its card
// records (qsq: F and the integer scales; nuuq: grid units and LUTs; msq: alpha and every row's
// width and kind), with either rounding.
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/quant/quant_fixture.h"

namespace qscale::quant {
namespace {

nlohmann::json Card(const std::string& name) {
  const std::string path = std::string(QSCALE_SOURCE_DIR) + "/models/" + name + ".json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open the model card " + path);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

// The quant spec the card's scheme_parameters describe.
config::QuantSpec SpecOf(const nlohmann::json& card, config::Rounding rounding) {
  const std::string scheme = card.at("scheme");
  const nlohmann::json& p = card.at("scheme_parameters");
  config::QuantSpec spec;
  spec.rounding = rounding;
  if (scheme == "qsq") {
    spec.scheme = config::QuantScheme::kQsq;
    spec.qsq.levels = p.at("levels");
    spec.qsq.param_bits = p.at("param_bits");
  } else if (scheme == "nuuq") {
    spec.scheme = config::QuantScheme::kNuuq;
    spec.nuuq.levels = p.at("levels");
    spec.nuuq.grid_bits = p.at("grid_bits");
  } else {
    spec.scheme = config::QuantScheme::kMsq;
    spec.msq.bits = p.at("bits");
    spec.msq.sp2_ratio = p.at("sp2_ratio");
    spec.msq.high_precision_ratio = p.at("high_precision_ratio");
  }
  return spec;
}

// The stored parameters of `layer` against the card's record of them.
void ExpectStoredParameters(const qnn::Layer& layer, const nlohmann::json& stored) {
  if (const auto* qsq = std::get_if<qnn::QsqCoding>(&layer.code)) {
    EXPECT_EQ(qsq->frac_bits, stored.at("frac_bits").get<int>());
    EXPECT_EQ(qsq->scales, stored.at("scales").get<std::vector<int32_t>>());
  } else if (const auto* nuuq = std::get_if<qnn::NuuqCoding>(&layer.code)) {
    EXPECT_EQ(nuuq->luts, stored.at("luts").get<std::vector<std::vector<int32_t>>>());
    EXPECT_EQ(layer.weight_scale, stored.at("units").get<std::vector<double>>());
  } else {
    const auto& msq = std::get<qnn::MsqCoding>(layer.code);
    EXPECT_EQ(msq.alpha, stored.at("alpha").get<double>());
    const std::vector<int> bits = stored.at("row_bits");
    const std::vector<bool> sp2 = stored.at("row_sp2");
    ASSERT_EQ(static_cast<int>(sp2.size()), layer.rows);
    for (int r = 0; r < layer.rows; ++r) {
      EXPECT_EQ(msq.row_bits[r], bits[r]) << "row " << r;
      EXPECT_EQ(layer.row_kind[r] == qnn::RowKind::kSp2, sp2[r]) << "row " << r;
    }
  }
}

class FineTuned : public ::testing::TestWithParam<std::string> {};

TEST_P(FineTuned, QuantizingKeepsEveryWeightAndRecoversTheStoredParameters) {
  const nlohmann::json card = Card(GetParam());
  const nn::Graph& graph = testing::Model(GetParam());
  std::vector<const nn::Node*> array_nodes;
  for (const nn::Node& node : graph.nodes) {
    if (node.op == nn::OpKind::kConv || node.op == nn::OpKind::kDense) array_nodes.push_back(&node);
  }
  ASSERT_EQ(array_nodes.size(), card.at("stored_weights").size());
  for (auto rounding : {config::Rounding::kCompensated, config::Rounding::kNearest}) {
    SCOPED_TRACE(std::string(config::ToString(rounding)));
    const qnn::Network net = quant::Quantize(graph, SpecOf(card, rounding), testing::Data());
    size_t index = 0;
    for (const qnn::Op& op : net.ops) {
      if (!qnn::IsArrayOp(op.kind)) continue;
      SCOPED_TRACE(op.name);
      const qnn::Layer& layer = op.layer;
      const nn::Node& node = *array_nodes[index];
      int64_t changed = 0;
      for (int r = 0; r < layer.rows; ++r) {
        for (int k = 0; k < layer.k; ++k) {
          const size_t i = static_cast<size_t>(r) * layer.k + k;
          const float dequantized = static_cast<float>(layer.weights[i] * layer.weight_scale[r]);
          changed += dequantized != node.weights[i];
        }
      }
      EXPECT_EQ(changed, 0) << "of " << node.weights.size() << " weights";
      ExpectStoredParameters(layer, card.at("stored_weights")[index]);
      ++index;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Models, FineTuned,
                         ::testing::Values("lenet5_fmnist_qsq", "lenet5_fmnist_nuuq4",
                                           "lenet5_fmnist_nuuq3", "lenet5_fmnist_msq"));

}  // namespace
}  // namespace qscale::quant
