// ONNX model import: reads an .onnx file (through libonnx's protobuf classes) into the float
// graph IR of graph.h, with per-image shapes inferred and BatchNormalization folded into the
// convolution before it.
#ifndef QSCALE_SRC_NN_ONNX_IMPORT_H_
#define QSCALE_SRC_NN_ONNX_IMPORT_H_

#include <stdexcept>
#include <string>
#include <string_view>

#include "src/nn/graph.h"

namespace qscale::nn {

// A model file is missing, unreadable, not ONNX, or uses something qscale cannot run. The
// message starts with the file path and says what to do; an unsupported model lists every
// offending node, one per line, e.g.
//   models/net.onnx: 2 unsupported nodes:
//     node "foo" (LSTM): op not supported
//     node "bar" (Conv): group=2 is not supported
//     supported ops: Conv, BatchNormalization (folded into the Conv before it), ...
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the ONNX model at `path` into a Graph (graph.source = path).
// Accepted: one float image input of shape [N, C, H, W] or [N, F] whose batch dim N is symbolic
// or 1 and whose other dims are fixed; one output of shape [N, classes]; nodes Conv (strides,
// pads; dilations 1, group 1, auto_pad NOTSET; optional bias), BatchNormalization (inference
// form, folded into the Conv before it when that Conv's output feeds nothing else),
// Gemm (alpha = beta = 1, transA = 0, transB 0 or 1), MatMul with a constant right operand,
// optionally followed by Add of a constant (its bias), Relu, MaxPool and AveragePool (ceil_mode 0,
// dilations 1; AveragePool padding only with count_include_pad 0), GlobalAveragePool, Flatten
// (axis 1), Reshape to [N,-1], [0,-1], [1,-1] or [-1,K] with a constant shape, Add of two
// feature maps of equal shape, and the no-ops Identity and Pad with all-zero pads. Constants
// may be initializers (raw_data or typed fields) or Constant nodes.
// Throws ModelError (see above) for anything else, and for a missing, unreadable, empty,
// truncated or corrupt file.
Graph ImportOnnx(const std::string& path);

// ImportOnnx of a model file's bytes already in memory; `source` names them in messages and
// becomes graph.source. Touches no file.
Graph ImportOnnxBytes(std::string_view bytes, const std::string& source);

}  // namespace qscale::nn

#endif  // QSCALE_SRC_NN_ONNX_IMPORT_H_
