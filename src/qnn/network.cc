#include "src/qnn/network.h"

namespace qscale::qnn {

int64_t NumElements(const Shape& shape) {
  int64_t n = 1;
  for (int d : shape) n *= d;
  return n;
}

const char* OpKindName(OpKind kind) {
  switch (kind) {
    case OpKind::kConv:
      return "Conv";
    case OpKind::kDense:
      return "Dense";
    case OpKind::kMaxPool:
      return "MaxPool";
    case OpKind::kAvgPool:
      return "AveragePool";
    case OpKind::kGlobalAvgPool:
      return "GlobalAveragePool";
    case OpKind::kFlatten:
      return "Flatten";
    case OpKind::kAdd:
      return "Add";
    case OpKind::kRelu:
      return "Relu";
  }
  return "?";
}

const char* WeightCodingName(WeightCoding coding) {
  switch (coding) {
    case WeightCoding::kInt:
      return "int";
    case WeightCoding::kQsq:
      return "qsq";
    case WeightCoding::kNuuq:
      return "nuuq";
    case WeightCoding::kMsq:
      return "msq";
  }
  return "?";
}

int64_t OpMacs(const Network& network, const Op& op) {
  if (!IsArrayOp(op.kind)) return 0;
  const Shape& out = network.values[op.output].shape;
  const int64_t pixels = op.kind == OpKind::kConv ? int64_t{out[1]} * out[2] : 1;
  return int64_t{op.layer.rows} * op.layer.k * pixels;
}

int64_t StoredWeightBits(const Network& network) {
  int64_t bits = 0;
  for (const Op& op : network.ops) {
    if (IsArrayOp(op.kind)) bits += op.layer.storage.Total();
  }
  return bits;
}

}  // namespace qscale::qnn
