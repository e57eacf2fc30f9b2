// Typed access to the attributes and constant tensors of an ONNX graph, and the checks of the
// attributes qscale restricts (windows, dilations, auto_pad), for the importer only
// (onnx_import.cc). Every problem throws NodeProblem, whose text the importer prefixes with the
// node it was found in; no other file of ours includes the ONNX protobuf headers.
#ifndef QSCALE_SRC_NN_ONNX_ATTRIBUTES_H_
#define QSCALE_SRC_NN_ONNX_ATTRIBUTES_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <onnx/onnx_pb.h>

#include "src/nn/graph.h"

namespace qscale::nn::onnx_internal {

// One node's problem, e.g. "group=2 is not supported"; the text names neither file nor node.
class NodeProblem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A constant tensor (initializer or Constant node) converted to host types. FLOAT and DOUBLE
// tensors fill `floats`, INT64 and INT32 tensors fill `ints`; both are row-major over `dims`.
struct ConstantTensor {
  std::vector<int64_t> dims;  // empty for a scalar
  bool is_float = false;
  std::vector<float> floats;
  std::vector<int64_t> ints;
  int64_t size() const {
    return is_float ? static_cast<int64_t>(floats.size()) : static_cast<int64_t>(ints.size());
  }
};

// The largest value (feature map or vector) qscale imports, in elements per image: 2^26, i.e.
// 256 MiB of float32 per image, beyond any network an edge accelerator runs. Keeps every size
// computed from a model far from integer overflow.
inline constexpr int64_t kMaxValueElements = int64_t{1} << 26;

// `dims` as a Shape. Throws NodeProblem naming `what` (e.g. "output \"c\"") unless every dim is
// >= 1 and their product is at most kMaxValueElements.
Shape CheckedShape(const std::vector<int64_t>& dims, const std::string& what);

// The per-image shape of the graph's image input: [N, C, H, W] or [N, F] with a batch N that is
// symbolic or 1 and fixed other dims, as a CheckedShape. Throws NodeProblem naming the input
// and the fix otherwise.
Shape ImageInputShape(const onnx::ValueInfoProto& input);

// Converts `tensor`, stored as raw_data (little-endian) or in the typed repeated fields.
// Throws NodeProblem for external data, other element types, negative dims, more than INT_MAX
// values, or a value count that does not match the dims.
ConstantTensor ReadTensor(const onnx::TensorProto& tensor);

// Attribute `name` of `node`, or `fallback` when absent. Throws NodeProblem when the attribute
// has another type.
int64_t IntAttribute(const onnx::NodeProto& node, const std::string& name, int64_t fallback);
float FloatAttribute(const onnx::NodeProto& node, const std::string& name, float fallback);
std::string StringAttribute(const onnx::NodeProto& node, const std::string& name,
                            const std::string& fallback);
std::vector<int64_t> IntsAttribute(const onnx::NodeProto& node, const std::string& name,
                                   const std::vector<int64_t>& fallback);

// The TENSOR attribute `name` of `node`, or nullptr when absent (or of another type).
const onnx::TensorProto* TensorAttribute(const onnx::NodeProto& node, const std::string& name);

// `text` (a name read from the model) with control characters written as "\xNN", so that it
// cannot break a message into lines.
std::string Printable(std::string_view text);

// "[2,2]"-style text of an integer list, for messages.
std::string IntsToString(const std::vector<int64_t>& values);

// `value` as an int; throws NodeProblem naming `what` when it does not fit.
int ToInt(int64_t value, const char* what);

// Throws NodeProblem unless every entry of INTS attribute `attribute` (e.g. "dilations") is 1.
void RequireOnes(const onnx::NodeProto& node, const char* attribute);

// Throws NodeProblem unless auto_pad is absent or NOTSET.
void RequireNotSetAutoPad(const onnx::NodeProto& node);

// 2-D window geometry of a Conv or pooling node, in pixels.
struct Window {
  int kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1;
  int pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
};

// Reads kernel_shape (defaulting to `weight_kernel`, {Kh, Kw} from a Conv's weights, which it
// must then equal; empty for pools), strides (default 1) and pads (ONNX order
// [top, left, bottom, right], default 0). Throws NodeProblem for non-2-D or negative values.
Window ReadWindow(const onnx::NodeProto& node, const std::vector<int64_t>& weight_kernel);

// Copies the geometry of `window` into `node`.
void ApplyWindow(const Window& window, Node& node);

// {channels, Ho, Wo} of `window` sliding over `in` ({C, H, W}) in floor mode. Throws
// NodeProblem when the window does not fit the padded input or the output is not a CheckedShape.
Shape WindowOutput(const Shape& in, int channels, const Window& window);

}  // namespace qscale::nn::onnx_internal

#endif  // QSCALE_SRC_NN_ONNX_ATTRIBUTES_H_
