#include "sim/golden_backend.h"

#include <variant>

namespace qscale::sim {

void GoldenBackend::RunOp(const golden::IntegerEngine& engine, int op, int images,
                          Values& values) {
  const qnn::Op& node = engine.network().ops.at(op);
  std::vector<const std::vector<int32_t>*> inputs;
  for (int v : node.inputs) inputs.push_back(&values.at(v));
  engine.RunOp(op, inputs, images, values.at(node.output));
}

void GoldenBackend::Run(const Step& step, const StepTiming& /*timing*/, int images,
                        Values& values) {
  const int op = std::visit([](const auto& work) { return work.op; }, step);
  RunOp(engine_, op, images, values);
}

}  // namespace qscale::sim
