// The float graph IR: what the ONNX importer produces and every later stage reads.
// A Graph is a list of nodes in topological order over numbered values. Shapes exclude the
// batch dimension: {C, H, W} for feature maps, {F} for vectors. Depends on nothing of ours.
#ifndef QSCALE_SRC_NN_GRAPH_H_
#define QSCALE_SRC_NN_GRAPH_H_

#include <cstdint>
#include <string>
#include <vector>

namespace qscale::nn {

// Per-image shape of a value, batch excluded: {C, H, W} or {F}. All entries > 0.
using Shape = std::vector<int>;

// Number of elements of a shape (product of its entries; 1 for an empty shape).
int64_t NumElements(const Shape& shape);

// "1x28x28"-style text for tables and messages.
std::string ShapeToString(const Shape& shape);

enum class OpKind {
  kConv,           // 2-D convolution, groups = 1, weights + bias
  kDense,          // fully connected (ONNX Gemm / MatMul [+ Add]), weights + bias
  kRelu,           // max(x, 0)
  kMaxPool,        // kernel/stride/pads, padding never wins the max
  kAvgPool,        // kernel/stride/pads, count_include_pad = 0 semantics of ONNX's default
  kGlobalAvgPool,  // mean over H x W, output {C, 1, 1}
  kFlatten,        // {C, H, W} -> {C*H*W}, row-major (ONNX Flatten axis 1, or Reshape to [N,-1])
  kAdd,            // element-wise sum of two values of equal shape (residual connections)
};

// ONNX-style name of an op kind ("Conv", "Dense", ...), for tables and messages.
const char* OpKindName(OpKind op);

struct Node {
  std::string name;         // ONNX node name; "<OpType>_<index>" when the file leaves it empty
  std::string onnx_op;      // ONNX op type(s) this node came from, e.g. "Conv+BatchNormalization"
  OpKind op = OpKind::kRelu;
  std::vector<int> inputs;  // value ids; kAdd has two, every other op one
  int output = -1;          // value id

  // kConv: [Cout][Cin][Kh][Kw] row-major (ONNX layout), BatchNormalization already folded in.
  // kDense: [Out][In] row-major (PyTorch Linear / ONNX Gemm with transB = 1).
  std::vector<float> weights;
  std::vector<float> bias;  // Cout (or Out) entries; zeros when the model has none

  // kConv, kMaxPool, kAvgPool geometry, in pixels.
  int kernel_h = 1, kernel_w = 1;
  int stride_h = 1, stride_w = 1;
  int pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
};

struct Value {
  std::string name;  // ONNX tensor name
  Shape shape;       // per-image shape, batch excluded
};

struct Graph {
  std::string source;         // file the graph was read from, for messages
  std::vector<Value> values;  // indexed by value id
  std::vector<Node> nodes;    // topological order
  int input = -1;             // value id of the single image input
  int output = -1;            // value id of the logits, shape {classes}
};

// Multiply-accumulates of one node for one image: Cout*Ho*Wo*Cin*Kh*Kw for kConv, Out*In for
// kDense, 0 for every other op.
int64_t NodeMacs(const Graph& graph, const Node& node);

// Number of trainable parameters of one node (weights + bias entries).
int64_t NodeParameters(const Node& node);

}  // namespace qscale::nn

#endif  // QSCALE_SRC_NN_GRAPH_H_
