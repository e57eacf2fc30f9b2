// Shared inputs of the quantizer and engine tests: the two trained networks and a small seeded
// draw of Fashion-MNIST training images, loaded once per test process.
#ifndef QSCALE_TESTS_QUANT_QUANT_FIXTURE_H_
#define QSCALE_TESTS_QUANT_QUANT_FIXTURE_H_

#include <string>

#include "src/config/quant_spec.h"
#include "src/driver/dataset.h"
#include "src/driver/training_split.h"
#include "src/nn/graph.h"
#include "src/qnn/network.h"
#include "src/quant/quantize.h"

namespace qscale::testing {

inline constexpr int kCalibrationImages = 128;
inline constexpr int kValidationImages = 300;

// models/<name>.onnx, imported once.
const nn::Graph& Model(const std::string& name);

// 128 calibration + 300 validation training images (seed 1), loaded once.
const driver::TrainingSplit& Split();

// The first `count` Fashion-MNIST test images.
driver::LabelledImages TestImages(int count);

// QuantData over Split().
quant::QuantData Data();

// `spec` with `scheme` set.
config::QuantSpec Spec(config::QuantScheme scheme);

// Quantize(Model(model), spec, Data()).
qnn::Network QuantizeModel(const std::string& model, const config::QuantSpec& spec);

}  // namespace qscale::testing

#endif  // QSCALE_TESTS_QUANT_QUANT_FIXTURE_H_
