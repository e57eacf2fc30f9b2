#include "src/nn/onnx_attributes.h"

#include <algorithm>
#include <climits>
#include <cstring>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qscale::nn::onnx_internal {
namespace {

// ONNX raw_data is little-endian; copying it byte for byte is only right on such a host.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "raw_data decoding assumes little-endian");

const onnx::AttributeProto* Find(const onnx::NodeProto& node, const std::string& name) {
  for (const onnx::AttributeProto& attribute : node.attribute()) {
    if (attribute.name() == name) return &attribute;
  }
  return nullptr;
}

const onnx::AttributeProto* FindTyped(const onnx::NodeProto& node, const std::string& name,
                                      onnx::AttributeProto::AttributeType type,
                                      const char* type_name) {
  const onnx::AttributeProto* attribute = Find(node, name);
  if (attribute != nullptr && attribute->type() != type) {
    throw NodeProblem(fmt::format("attribute {} must be {}", name, type_name));
  }
  return attribute;
}

// Copies `count` little-endian values of type T out of `raw`, converted to U.
template <typename T, typename U>
std::vector<U> FromRaw(const std::string& raw, int64_t count, const std::string& tensor_name) {
  if (static_cast<int64_t>(raw.size()) != count * static_cast<int64_t>(sizeof(T))) {
    throw NodeProblem(fmt::format("tensor \"{}\" has {} bytes of raw data; its dims need {}",
                                  tensor_name, raw.size(), count * sizeof(T)));
  }
  std::vector<T> values(static_cast<size_t>(count));
  if (count > 0) std::memcpy(values.data(), raw.data(), raw.size());
  return std::vector<U>(values.begin(), values.end());
}

template <typename U, typename Repeated>
std::vector<U> FromRepeated(const Repeated& field, int64_t count, const std::string& tensor_name) {
  if (field.size() != count) {
    throw NodeProblem(fmt::format("tensor \"{}\" holds {} values; its dims need {}", tensor_name,
                                  field.size(), count));
  }
  return std::vector<U>(field.begin(), field.end());
}

}  // namespace

Shape CheckedShape(const std::vector<int64_t>& dims, const std::string& what) {
  Shape shape;
  int64_t elements = 1;
  for (int64_t dim : dims) {
    if (dim < 1) {
      throw NodeProblem(fmt::format("{} would have dims {}; every dimension must be >= 1", what,
                                    IntsToString(dims)));
    }
    // One factor at a time, so that the product never overflows.
    if (dim > kMaxValueElements / elements) {
      throw NodeProblem(fmt::format(
          "{} would have dims {}, more than the {} elements per image qscale models (256 MiB of "
          "float32); use a smaller input or fewer channels",
          what, IntsToString(dims), kMaxValueElements));
    }
    elements *= dim;
    shape.push_back(static_cast<int>(dim));
  }
  return shape;
}

Shape ImageInputShape(const onnx::ValueInfoProto& input) {
  const onnx::TypeProto& type = input.type();
  if (!type.has_tensor_type() || type.tensor_type().elem_type() != onnx::TensorProto::FLOAT) {
    throw NodeProblem(fmt::format("input \"{}\" is not a float tensor; qscale reads float32 images",
                                  input.name()));
  }
  if (!type.tensor_type().has_shape()) {
    throw NodeProblem(fmt::format(
        "input \"{}\" has no shape; export the model with a fixed image size", input.name()));
  }
  const auto& dims = type.tensor_type().shape().dim();
  if (dims.size() != 2 && dims.size() != 4) {
    throw NodeProblem(
        fmt::format("input \"{}\" has rank {}; qscale needs [N, C, H, W] images or [N, F] vectors",
                    input.name(), dims.size()));
  }
  if (dims[0].has_dim_value() && dims[0].dim_value() != 1) {
    throw NodeProblem(fmt::format(
        "input \"{}\" has a fixed batch of {}; export with a symbolic batch (dynamic_axes) or a "
        "batch of 1",
        input.name(), dims[0].dim_value()));
  }
  std::vector<int64_t> per_image;
  for (int d = 1; d < dims.size(); ++d) {
    if (!dims[d].has_dim_value() || dims[d].dim_value() < 1) {
      throw NodeProblem(fmt::format(
          "input \"{}\" has a dynamic dimension {} (\"{}\"); only the batch dimension may be "
          "symbolic; export with a fixed image size",
          input.name(), d, dims[d].dim_param()));
    }
    per_image.push_back(dims[d].dim_value());
  }
  return CheckedShape(per_image, "input \"" + input.name() + "\"");
}

ConstantTensor ReadTensor(const onnx::TensorProto& tensor) {
  const std::string& name = tensor.name();
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    throw NodeProblem(
        fmt::format("tensor \"{}\" keeps its data in an external file; save the "
                    "model with onnx.save(model, path, save_as_external_data=False)",
                    name));
  }
  ConstantTensor result;
  int64_t count = 1;
  for (int64_t dim : tensor.dims()) {
    if (dim < 0) throw NodeProblem(fmt::format("tensor \"{}\" has a negative dim", name));
    result.dims.push_back(dim);
    if (dim > 0 && count > INT_MAX / dim) {
      throw NodeProblem(fmt::format(
          "tensor \"{}\" has dims {}: more than {} values", name,
          IntsToString(std::vector<int64_t>(tensor.dims().begin(), tensor.dims().end())), INT_MAX));
    }
    count *= dim;
  }
  const bool raw = tensor.has_raw_data();
  switch (tensor.data_type()) {
    case onnx::TensorProto::FLOAT:
      result.is_float = true;
      result.floats = raw ? FromRaw<float, float>(tensor.raw_data(), count, name)
                          : FromRepeated<float>(tensor.float_data(), count, name);
      break;
    case onnx::TensorProto::DOUBLE:
      result.is_float = true;
      result.floats = raw ? FromRaw<double, float>(tensor.raw_data(), count, name)
                          : FromRepeated<float>(tensor.double_data(), count, name);
      break;
    case onnx::TensorProto::INT64:
      result.ints = raw ? FromRaw<int64_t, int64_t>(tensor.raw_data(), count, name)
                        : FromRepeated<int64_t>(tensor.int64_data(), count, name);
      break;
    case onnx::TensorProto::INT32:
      result.ints = raw ? FromRaw<int32_t, int64_t>(tensor.raw_data(), count, name)
                        : FromRepeated<int64_t>(tensor.int32_data(), count, name);
      break;
    default:
      throw NodeProblem(fmt::format(
          "tensor \"{}\" has element type {}; only float, double, int64 and int32 are read", name,
          onnx::TensorProto::DataType_Name(tensor.data_type())));
  }
  return result;
}

int64_t IntAttribute(const onnx::NodeProto& node, const std::string& name, int64_t fallback) {
  const onnx::AttributeProto* a = FindTyped(node, name, onnx::AttributeProto::INT, "an integer");
  return a == nullptr ? fallback : a->i();
}

float FloatAttribute(const onnx::NodeProto& node, const std::string& name, float fallback) {
  const onnx::AttributeProto* a = FindTyped(node, name, onnx::AttributeProto::FLOAT, "a float");
  return a == nullptr ? fallback : a->f();
}

std::string StringAttribute(const onnx::NodeProto& node, const std::string& name,
                            const std::string& fallback) {
  const onnx::AttributeProto* a = FindTyped(node, name, onnx::AttributeProto::STRING, "a string");
  return a == nullptr ? fallback : a->s();
}

std::vector<int64_t> IntsAttribute(const onnx::NodeProto& node, const std::string& name,
                                   const std::vector<int64_t>& fallback) {
  const onnx::AttributeProto* a =
      FindTyped(node, name, onnx::AttributeProto::INTS, "a list of integers");
  if (a == nullptr) return fallback;
  return std::vector<int64_t>(a->ints().begin(), a->ints().end());
}

const onnx::TensorProto* TensorAttribute(const onnx::NodeProto& node, const std::string& name) {
  const onnx::AttributeProto* a = Find(node, name);
  return a != nullptr && a->type() == onnx::AttributeProto::TENSOR ? &a->t() : nullptr;
}

std::string Printable(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out += byte >= 0x20 && byte != 0x7f ? std::string(1, c) : fmt::format("\\x{:02x}", byte);
  }
  return out;
}

std::string IntsToString(const std::vector<int64_t>& values) {
  return fmt::format("[{}]", fmt::join(values, ","));
}

int ToInt(int64_t value, const char* what) {
  if (value < INT_MIN || value > INT_MAX) {
    throw NodeProblem(fmt::format("{} {} is out of range", what, value));
  }
  return static_cast<int>(value);
}

void RequireOnes(const onnx::NodeProto& node, const char* attribute) {
  const std::vector<int64_t> values = IntsAttribute(node, attribute, {});
  for (int64_t v : values) {
    if (v != 1) {
      throw NodeProblem(
          fmt::format("{}={} is not supported (only 1)", attribute, IntsToString(values)));
    }
  }
}

void RequireNotSetAutoPad(const onnx::NodeProto& node) {
  const std::string auto_pad = StringAttribute(node, "auto_pad", "NOTSET");
  if (auto_pad != "NOTSET") {
    throw NodeProblem(fmt::format(
        "auto_pad={} is not supported (only NOTSET with explicit pads); re-export the model "
        "with explicit padding",
        auto_pad));
  }
}

Window ReadWindow(const onnx::NodeProto& node, const std::vector<int64_t>& weight_kernel) {
  std::vector<int64_t> kernel = IntsAttribute(node, "kernel_shape", weight_kernel);
  if (kernel.size() != 2) {
    throw NodeProblem(
        fmt::format("kernel_shape={} is not supported (only 2-D kernels)", IntsToString(kernel)));
  }
  if (!weight_kernel.empty() && kernel != weight_kernel) {
    throw NodeProblem(fmt::format("kernel_shape={} does not match the weights' {}",
                                  IntsToString(kernel), IntsToString(weight_kernel)));
  }
  const std::vector<int64_t> strides = IntsAttribute(node, "strides", {1, 1});
  const std::vector<int64_t> pads = IntsAttribute(node, "pads", {0, 0, 0, 0});
  if (strides.size() != 2 || strides[0] < 1 || strides[1] < 1) {
    throw NodeProblem(
        fmt::format("strides={} is not a pair of positive integers", IntsToString(strides)));
  }
  if (pads.size() != 4 || *std::min_element(pads.begin(), pads.end()) < 0) {
    throw NodeProblem(fmt::format("pads={} is not four non-negative integers", IntsToString(pads)));
  }
  Window w;
  w.kernel_h = ToInt(kernel[0], "kernel height");
  w.kernel_w = ToInt(kernel[1], "kernel width");
  if (w.kernel_h < 1 || w.kernel_w < 1) {
    throw NodeProblem(fmt::format("kernel_shape={} is not positive", IntsToString(kernel)));
  }
  w.stride_h = ToInt(strides[0], "stride");
  w.stride_w = ToInt(strides[1], "stride");
  // ONNX orders pads as [top, left, bottom, right].
  w.pad_top = ToInt(pads[0], "pad");
  w.pad_left = ToInt(pads[1], "pad");
  w.pad_bottom = ToInt(pads[2], "pad");
  w.pad_right = ToInt(pads[3], "pad");
  return w;
}

void ApplyWindow(const Window& w, Node& node) {
  node.kernel_h = w.kernel_h;
  node.kernel_w = w.kernel_w;
  node.stride_h = w.stride_h;
  node.stride_w = w.stride_w;
  node.pad_top = w.pad_top;
  node.pad_left = w.pad_left;
  node.pad_bottom = w.pad_bottom;
  node.pad_right = w.pad_right;
}

Shape WindowOutput(const Shape& in, int channels, const Window& w) {
  const int64_t span_h = int64_t{in[1]} + w.pad_top + w.pad_bottom - w.kernel_h;
  const int64_t span_w = int64_t{in[2]} + w.pad_left + w.pad_right - w.kernel_w;
  if (span_h < 0 || span_w < 0) {
    throw NodeProblem(fmt::format("a {}x{} window does not fit the padded {} input", w.kernel_h,
                                  w.kernel_w, ShapeToString(in)));
  }
  return CheckedShape({channels, span_h / w.stride_h + 1, span_w / w.stride_w + 1}, "the output");
}

}  // namespace qscale::nn::onnx_internal
