#include "src/nn/onnx_import.h"

#include <climits>
#include <cmath>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <onnx/onnx_pb.h>

#include "src/nn/file_bytes.h"
#include "src/nn/onnx_attributes.h"

namespace qscale::nn {
namespace {

using onnx_internal::ConstantTensor;
using onnx_internal::FloatAttribute;
using onnx_internal::IntAttribute;
using onnx_internal::IntsAttribute;
using onnx_internal::IntsToString;
using onnx_internal::NodeProblem;
using onnx_internal::Printable;
using onnx_internal::ReadWindow;
using onnx_internal::RequireNotSetAutoPad;
using onnx_internal::RequireOnes;
using onnx_internal::StringAttribute;
using onnx_internal::ToInt;
using onnx_internal::Window;
using onnx_internal::WindowOutput;

constexpr char kSupportedOps[] =
    "supported ops: Conv, BatchNormalization (folded into the Conv before it), Gemm, "
    "MatMul (+ Add of a bias), Relu, MaxPool, AveragePool, GlobalAveragePool, Flatten, "
    "Reshape (flatten only), Add (residual), Identity, Pad (all-zero pads)";

// A node input that comes from a node which already failed: shape checks are skipped for the
// rest of that path so that each problem is reported once, at its source.
struct Poisoned {};

// Builds a Graph from one GraphProto, walking its nodes in order. A node's problem is recorded
// and the walk goes on, so that one ModelError lists every unsupported node.
class Importer {
 public:
  Importer(const std::string& path, const onnx::GraphProto& proto) : proto_(proto) {
    graph_.source = path;
  }

  Graph Run() {
    for (const onnx::TensorProto& t : proto_.initializer()) initializers_[t.name()] = &t;
    ReadInput();
    CountConsumers();
    fused_.assign(static_cast<size_t>(proto_.node_size()), false);
    std::vector<std::string> problems;
    for (int i = 0; i < proto_.node_size(); ++i) {
      if (fused_[i]) continue;
      const onnx::NodeProto& node = proto_.node(i);
      const std::string name =
          node.name().empty() ? fmt::format("{}_{}", node.op_type(), i) : node.name();
      try {
        Import(node, name, i);
      } catch (const NodeProblem& problem) {
        problems.push_back(fmt::format("  node \"{}\" ({}): {}", Printable(name),
                                       Printable(node.op_type()), Printable(problem.what())));
        Poison(node);
      } catch (const Poisoned&) {
        Poison(node);
      }
    }
    if (!problems.empty()) {
      throw ModelError(fmt::format("{}: {} unsupported node{}:\n{}\n  {}", graph_.source,
                                   problems.size(), problems.size() == 1 ? "" : "s",
                                   fmt::join(problems, "\n"), kSupportedOps));
    }
    ReadOutput();
    return std::move(graph_);
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw ModelError(fmt::format("{}: {}", graph_.source, Printable(what)));
  }

  static std::string QuotedNames(const std::vector<std::string>& names) {
    std::vector<std::string> quoted;
    for (const std::string& n : names) quoted.push_back("\"" + n + "\"");
    return fmt::format("{}", fmt::join(quoted, ", "));
  }

  void ReadInput() {
    std::vector<const onnx::ValueInfoProto*> inputs;
    std::vector<std::string> names;
    for (const onnx::ValueInfoProto& input : proto_.input()) {
      if (initializers_.count(input.name()) != 0) continue;
      inputs.push_back(&input);
      names.push_back(input.name());
    }
    if (inputs.size() != 1) {
      Fail(fmt::format("the graph has {} inputs ({}); qscale needs exactly one image input",
                       inputs.size(), inputs.empty() ? "none" : QuotedNames(names)));
    }
    try {
      graph_.input = AddValue(inputs[0]->name(), onnx_internal::ImageInputShape(*inputs[0]));
    } catch (const NodeProblem& problem) {
      Fail(problem.what());
    }
  }

  void ReadOutput() {
    if (proto_.output_size() != 1) {
      std::vector<std::string> names;
      for (const onnx::ValueInfoProto& o : proto_.output()) names.push_back(o.name());
      Fail(fmt::format("the graph has {} outputs ({}); qscale needs exactly one (the logits)",
                       names.size(), names.empty() ? "none" : QuotedNames(names)));
    }
    const std::string& name = proto_.output(0).name();
    const auto it = values_.find(name);
    if (it == values_.end()) {
      Fail(fmt::format("output \"{}\" is not computed from the input by any node", name));
    }
    const Shape& shape = graph_.values[it->second].shape;
    if (shape.size() != 1) {
      Fail(
          fmt::format("output \"{}\" has per-image shape {}; qscale needs a vector of class "
                      "scores (add a Flatten)",
                      name, ShapeToString(shape)));
    }
    graph_.output = it->second;
  }

  void CountConsumers() {
    for (int i = 0; i < proto_.node_size(); ++i) {
      for (const std::string& input : proto_.node(i).input()) {
        if (!input.empty()) consumers_[input].push_back(i);
      }
    }
    // The graph output is a consumer too: a conv producing it cannot absorb a BatchNorm.
    for (const onnx::ValueInfoProto& output : proto_.output()) {
      consumers_[output.name()].push_back(-1);
    }
  }

  int AddValue(const std::string& name, Shape shape) {
    graph_.values.push_back(Value{name, std::move(shape)});
    const int id = static_cast<int>(graph_.values.size()) - 1;
    values_[name] = id;
    return id;
  }

  void Poison(const onnx::NodeProto& node) {
    for (const std::string& output : node.output()) poisoned_.insert(output);
  }

  // Value id of a feature-map input.
  int Input(const onnx::NodeProto& node, int index) {
    if (index >= node.input_size() || node.input(index).empty()) {
      throw NodeProblem(fmt::format("input {} is missing", index));
    }
    const std::string& name = node.input(index);
    if (poisoned_.count(name) != 0) throw Poisoned{};
    const auto it = values_.find(name);
    if (it != values_.end()) return it->second;
    if (IsConstant(name)) {
      throw NodeProblem(fmt::format("input \"{}\" is a constant; expected a feature map", name));
    }
    throw NodeProblem(
        fmt::format("input \"{}\" is not produced by any earlier node (the node "
                    "list must be topologically sorted)",
                    name));
  }

  bool IsConstant(const std::string& name) const {
    return initializers_.count(name) != 0 || constants_.count(name) != 0;
  }

  // A constant input (initializer or Constant node output); `what` names it in messages.
  ConstantTensor Constant(const onnx::NodeProto& node, int index, const char* what) {
    if (index >= node.input_size() || node.input(index).empty()) {
      throw NodeProblem(fmt::format("the {} (input {}) is missing", what, index));
    }
    const std::string& name = node.input(index);
    if (poisoned_.count(name) != 0) throw Poisoned{};
    if (const auto it = constants_.find(name); it != constants_.end()) return it->second;
    if (const auto it = initializers_.find(name); it != initializers_.end()) {
      return onnx_internal::ReadTensor(*it->second);
    }
    throw NodeProblem(
        fmt::format("the {} \"{}\" is computed by the graph; qscale needs it as a "
                    "constant initializer",
                    what, name));
  }

  ConstantTensor FloatConstant(const onnx::NodeProto& node, int index, const char* what,
                               int64_t size) {
    ConstantTensor t = Constant(node, index, what);
    if (!t.is_float || (size >= 0 && t.size() != size)) {
      throw NodeProblem(fmt::format("the {} \"{}\" must be a float tensor{}", what,
                                    node.input(index),
                                    size >= 0 ? fmt::format(" of {} values", size) : ""));
    }
    return t;
  }

  const Shape& ShapeOf(int value) const { return graph_.values[value].shape; }

  const Shape& FeatureMap(int value) const {
    const Shape& shape = ShapeOf(value);
    if (shape.size() != 3) {
      throw NodeProblem(fmt::format("input \"{}\" has per-image shape {}; expected C x H x W",
                                    graph_.values[value].name, ShapeToString(shape)));
    }
    return shape;
  }

  // Appends `node` writing a new value named after ONNX output 0 of `proto`.
  // Import has checked that `proto` has output 0; `shape` is checked here (CheckedShape).
  Node& Emit(const onnx::NodeProto& proto, Node node, const Shape& shape,
             const std::string& output_name = "") {
    const std::string& name = output_name.empty() ? proto.output(0) : output_name;
    Shape checked = onnx_internal::CheckedShape(std::vector<int64_t>(shape.begin(), shape.end()),
                                                "output \"" + name + "\"");
    for (int i = 1; i < proto.output_size(); ++i) {
      if (!proto.output(i).empty() && consumers_.count(proto.output(i)) != 0) {
        throw NodeProblem(fmt::format("optional output \"{}\" is not supported", proto.output(i)));
      }
    }
    node.output = AddValue(name, std::move(checked));
    graph_.nodes.push_back(std::move(node));
    return graph_.nodes.back();
  }

  // Makes output 0 of `node` another name for its input 0.
  void Alias(const onnx::NodeProto& node) {
    if (node.input_size() < 1 || node.output_size() < 1) {
      throw NodeProblem("expected one input and one output");
    }
    const std::string& from = node.input(0);
    const std::string& to = node.output(0);
    if (poisoned_.count(from) != 0) throw Poisoned{};
    if (const auto it = values_.find(from); it != values_.end()) {
      values_[to] = it->second;
    } else if (IsConstant(from)) {
      constants_[to] = Constant(node, 0, "input");
    } else {
      throw NodeProblem(fmt::format("input \"{}\" is not produced by any earlier node", from));
    }
  }

  void Import(const onnx::NodeProto& proto, const std::string& name, int index) {
    const std::string& op = proto.op_type();
    if (!proto.domain().empty() && proto.domain() != "ai.onnx") {
      throw NodeProblem(fmt::format("op domain \"{}\" is not supported", proto.domain()));
    }
    if (proto.output_size() < 1 || proto.output(0).empty()) {
      throw NodeProblem("the node has no output");
    }
    Node node;
    node.name = name;
    node.onnx_op = op;
    if (op == "Conv") {
      ImportConv(proto, std::move(node));
    } else if (op == "BatchNormalization") {
      FoldBatchNorm(proto);
    } else if (op == "Gemm" || op == "MatMul") {
      ImportDense(proto, std::move(node), index);
    } else if (op == "Relu") {
      node.op = OpKind::kRelu;
      node.inputs = {Input(proto, 0)};
      const Shape shape = ShapeOf(node.inputs[0]);
      Emit(proto, std::move(node), shape);
    } else if (op == "MaxPool" || op == "AveragePool") {
      ImportPool(proto, std::move(node));
    } else if (op == "GlobalAveragePool") {
      node.op = OpKind::kGlobalAvgPool;
      node.inputs = {Input(proto, 0)};
      const Shape& in = FeatureMap(node.inputs[0]);
      Emit(proto, std::move(node), {in[0], 1, 1});
    } else if (op == "Flatten" || op == "Reshape") {
      ImportFlatten(proto, std::move(node));
    } else if (op == "Add") {
      node.op = OpKind::kAdd;
      if (proto.input_size() == 2 && (IsConstant(proto.input(0)) || IsConstant(proto.input(1)))) {
        throw NodeProblem("adding a constant is only supported as the bias right after a MatMul");
      }
      node.inputs = {Input(proto, 0), Input(proto, 1)};
      const Shape a = ShapeOf(node.inputs[0]), b = ShapeOf(node.inputs[1]);
      if (a != b) {
        throw NodeProblem(
            fmt::format("operands have shapes {} and {}; only equal shapes (no "
                        "broadcasting) are supported",
                        ShapeToString(a), ShapeToString(b)));
      }
      Emit(proto, std::move(node), a);
    } else if (op == "Identity") {
      Alias(proto);
    } else if (op == "Pad") {
      ImportPad(proto);
    } else if (op == "Constant") {
      ImportConstant(proto);
    } else if (op == "Shape") {
      throw NodeProblem(
          "op not supported (a reshape computed from the input's shape? flatten "
          "with torch.flatten(x, 1) or export with a constant shape)");
    } else {
      throw NodeProblem("op not supported");
    }
  }

  void ImportConv(const onnx::NodeProto& proto, Node node) {
    const int64_t group = IntAttribute(proto, "group", 1);
    if (group != 1) throw NodeProblem(fmt::format("group={} is not supported", group));
    RequireOnes(proto, "dilations");
    RequireNotSetAutoPad(proto);
    const ConstantTensor w = FloatConstant(proto, 1, "weight", -1);
    if (w.dims.size() != 4) {
      throw NodeProblem(
          fmt::format("weight \"{}\" has dims {}; only 2-D convolutions "
                      "([Cout, Cin, Kh, Kw]) are supported",
                      proto.input(1), IntsToString(w.dims)));
    }
    const Window window = ReadWindow(proto, {w.dims[2], w.dims[3]});
    const int out_channels = ToInt(w.dims[0], "output channels");
    node.op = OpKind::kConv;
    onnx_internal::ApplyWindow(window, node);
    node.weights = w.floats;
    node.bias.assign(static_cast<size_t>(out_channels), 0.0f);
    if (proto.input_size() > 2 && !proto.input(2).empty()) {
      node.bias = FloatConstant(proto, 2, "bias", out_channels).floats;
    }
    node.inputs = {Input(proto, 0)};
    const Shape& in = FeatureMap(node.inputs[0]);
    if (in[0] != w.dims[1]) {
      throw NodeProblem(fmt::format("input \"{}\" has {} channels but the weights expect {}",
                                    proto.input(0), in[0], w.dims[1]));
    }
    const Shape out = WindowOutput(in, out_channels, window);
    Emit(proto, std::move(node), out);
    conv_of_value_[graph_.nodes.back().output] = static_cast<int>(graph_.nodes.size()) - 1;
  }

  void FoldBatchNorm(const onnx::NodeProto& proto) {
    if (IntAttribute(proto, "training_mode", 0) != 0) {
      throw NodeProblem("training_mode=1 is not supported; export the model in eval mode");
    }
    const double epsilon = FloatAttribute(proto, "epsilon", 1e-5f);
    const int value = Input(proto, 0);
    const std::string& in_name = proto.input(0);
    const auto conv = conv_of_value_.find(value);
    if (conv == conv_of_value_.end()) {
      throw NodeProblem(
          fmt::format("cannot fold into a convolution: input \"{}\" is not the "
                      "output of a Conv",
                      in_name));
    }
    if (consumers_[in_name].size() != 1) {
      throw NodeProblem(
          fmt::format("cannot fold into Conv \"{}\": its output \"{}\" also feeds "
                      "other nodes",
                      graph_.nodes[conv->second].name, in_name));
    }
    const int channels = ShapeOf(value)[0];
    const ConstantTensor gamma = FloatConstant(proto, 1, "scale", channels);
    const ConstantTensor beta = FloatConstant(proto, 2, "bias", channels);
    const ConstantTensor mean = FloatConstant(proto, 3, "mean", channels);
    const ConstantTensor var = FloatConstant(proto, 4, "variance", channels);
    for (int i = 1; i < proto.output_size(); ++i) {
      if (!proto.output(i).empty() && consumers_.count(proto.output(i)) != 0) {
        throw NodeProblem(fmt::format("training output \"{}\" is not supported", proto.output(i)));
      }
    }
    Node& node = graph_.nodes[conv->second];
    const size_t per_channel = node.weights.size() / static_cast<size_t>(channels);
    for (int c = 0; c < channels; ++c) {
      const double scale = gamma.floats[c] / std::sqrt(double{var.floats[c]} + epsilon);
      for (size_t k = 0; k < per_channel; ++k) {
        float& w = node.weights[c * per_channel + k];
        w = static_cast<float>(w * scale);
      }
      node.bias[c] =
          static_cast<float>((double{node.bias[c]} - mean.floats[c]) * scale + beta.floats[c]);
    }
    node.onnx_op += "+BatchNormalization";
    graph_.values[value].name = proto.output(0);
    values_[proto.output(0)] = value;
  }

  void ImportDense(const onnx::NodeProto& proto, Node node, int index) {
    const bool gemm = proto.op_type() == "Gemm";
    bool transposed = false;  // weights already [Out][In]
    if (gemm) {
      const float alpha = FloatAttribute(proto, "alpha", 1.0f);
      const float beta = FloatAttribute(proto, "beta", 1.0f);
      if (alpha != 1.0f || beta != 1.0f) {
        throw NodeProblem(fmt::format("alpha={} beta={} is not supported (only 1)", alpha, beta));
      }
      if (IntAttribute(proto, "transA", 0) != 0) throw NodeProblem("transA=1 is not supported");
      const int64_t trans_b = IntAttribute(proto, "transB", 0);
      if (trans_b != 0 && trans_b != 1) {
        throw NodeProblem(fmt::format("transB={} is not 0 or 1", trans_b));
      }
      transposed = trans_b == 1;
    }
    const ConstantTensor w = FloatConstant(proto, 1, "weight", -1);
    if (w.dims.size() != 2) {
      throw NodeProblem(fmt::format("weight \"{}\" has dims {}; expected a matrix", proto.input(1),
                                    IntsToString(w.dims)));
    }
    const int out = ToInt(transposed ? w.dims[0] : w.dims[1], "output size");
    const int in = ToInt(transposed ? w.dims[1] : w.dims[0], "input size");
    node.op = OpKind::kDense;
    node.weights = w.floats;
    if (!transposed) {
      for (int o = 0; o < out; ++o) {
        for (int i = 0; i < in; ++i) node.weights[o * in + i] = w.floats[i * out + o];
      }
    }
    node.bias.assign(static_cast<size_t>(out), 0.0f);
    std::string output_name;
    if (gemm && proto.input_size() > 2 && !proto.input(2).empty()) {
      node.bias = BiasConstant(proto, 2, out);
    } else if (!gemm) {
      // A MatMul whose only consumer is Add(MatMul, constant) absorbs the Add as its bias.
      const std::vector<int>& users = consumers_[proto.output(0)];
      if (users.size() == 1 && users[0] > index && proto_.node(users[0]).op_type() == "Add") {
        const onnx::NodeProto& add = proto_.node(users[0]);
        const int other = add.input(0) == proto.output(0) ? 1 : 0;
        if (add.input_size() == 2 && IsConstant(add.input(other)) && add.output_size() >= 1 &&
            !add.output(0).empty()) {
          node.bias = BiasConstant(add, other, out);
          node.onnx_op = "MatMul+Add";
          output_name = add.output(0);
          fused_[users[0]] = true;
          // Until this node succeeds the Add's output counts as failed, so that its consumers
          // do not report a second problem.
          poisoned_.insert(output_name);
        }
      }
    }
    node.inputs = {Input(proto, 0)};
    const Shape& shape = ShapeOf(node.inputs[0]);
    if (shape.size() != 1 || shape[0] != in) {
      throw NodeProblem(
          fmt::format("input \"{}\" has per-image shape {}; the weights expect a "
                      "vector of {} (add a Flatten before it)",
                      proto.input(0), ShapeToString(shape), in));
    }
    Emit(proto, std::move(node), {out}, output_name);
    if (!output_name.empty()) poisoned_.erase(output_name);
  }

  // A bias of `size` values stored as [size], [1, size] or a single broadcast value.
  std::vector<float> BiasConstant(const onnx::NodeProto& proto, int index, int size) {
    const ConstantTensor b = FloatConstant(proto, index, "bias", -1);
    if (b.size() == 1) return std::vector<float>(static_cast<size_t>(size), b.floats[0]);
    if (b.size() != size || b.dims.empty() || b.dims.back() != size) {
      throw NodeProblem(fmt::format("bias \"{}\" has dims {}; expected [{}]", proto.input(index),
                                    IntsToString(b.dims), size));
    }
    return b.floats;
  }

  void ImportPool(const onnx::NodeProto& proto, Node node) {
    const bool max = proto.op_type() == "MaxPool";
    RequireOnes(proto, "dilations");
    RequireNotSetAutoPad(proto);
    if (IntAttribute(proto, "ceil_mode", 0) != 0) {
      throw NodeProblem("ceil_mode=1 is not supported (only floor mode)");
    }
    if (IntAttribute(proto, "storage_order", 0) != 0) {
      throw NodeProblem("storage_order=1 is not supported");
    }
    if (IntsAttribute(proto, "kernel_shape", {}).empty()) {
      throw NodeProblem("kernel_shape is missing");
    }
    const Window window = ReadWindow(proto, {});
    const bool padded =
        window.pad_top > 0 || window.pad_left > 0 || window.pad_bottom > 0 || window.pad_right > 0;
    if (!max && padded && IntAttribute(proto, "count_include_pad", 0) != 0) {
      throw NodeProblem("count_include_pad=1 with non-zero pads is not supported");
    }
    if (window.pad_top >= window.kernel_h || window.pad_bottom >= window.kernel_h ||
        window.pad_left >= window.kernel_w || window.pad_right >= window.kernel_w) {
      throw NodeProblem("pads must be smaller than the kernel");
    }
    node.op = max ? OpKind::kMaxPool : OpKind::kAvgPool;
    onnx_internal::ApplyWindow(window, node);
    node.inputs = {Input(proto, 0)};
    const Shape& in = FeatureMap(node.inputs[0]);
    const Shape out = WindowOutput(in, in[0], window);
    Emit(proto, std::move(node), out);
  }

  void ImportFlatten(const onnx::NodeProto& proto, Node node) {
    node.op = OpKind::kFlatten;
    if (proto.op_type() == "Flatten") {
      const int64_t axis = IntAttribute(proto, "axis", 1);
      node.inputs = {Input(proto, 0)};
      const int rank = static_cast<int>(ShapeOf(node.inputs[0]).size()) + 1;
      if (axis != 1 && axis != 1 - rank) {
        throw NodeProblem(fmt::format("axis={} is not supported (only 1)", axis));
      }
    } else {
      if (IntAttribute(proto, "allowzero", 0) != 0) {
        throw NodeProblem("allowzero=1 is not supported");
      }
      const ConstantTensor target = Constant(proto, 1, "shape");
      node.inputs = {Input(proto, 0)};
      const int64_t k = NumElements(ShapeOf(node.inputs[0]));
      const bool ok = !target.is_float && target.ints.size() == 2 &&
                      ((target.ints[1] == -1 && target.ints[0] >= 0) ||
                       (target.ints[1] == k && target.ints[0] >= -1));
      if (!ok) {
        throw NodeProblem(
            fmt::format("reshape to {} is not supported; only a flatten to [N,-1], "
                        "[0,-1], [1,-1] or [-1,{}]",
                        target.is_float ? "a float shape" : IntsToString(target.ints), k));
      }
    }
    const int64_t size = NumElements(ShapeOf(node.inputs[0]));
    Emit(proto, std::move(node), {static_cast<int>(size)});
  }

  void ImportPad(const onnx::NodeProto& proto) {
    const std::string mode = StringAttribute(proto, "mode", "constant");
    std::vector<int64_t> pads = IntsAttribute(proto, "pads", {});
    if (proto.input_size() > 1 && !proto.input(1).empty()) {
      const ConstantTensor t = Constant(proto, 1, "pads");
      if (t.is_float) throw NodeProblem("pads must be integers");
      pads = t.ints;
    }
    for (int64_t p : pads) {
      if (p != 0) {
        throw NodeProblem(
            fmt::format("pads={} (mode {}) is not supported; only all-zero pads "
                        "(a no-op); pad inside the Conv or pooling instead",
                        IntsToString(pads), mode));
      }
    }
    Alias(proto);
  }

  void ImportConstant(const onnx::NodeProto& proto) {
    ConstantTensor t;
    if (const onnx::TensorProto* tensor = onnx_internal::TensorAttribute(proto, "value")) {
      t = onnx_internal::ReadTensor(*tensor);
    } else if (const std::vector<int64_t> ints = IntsAttribute(proto, "value_ints", {});
               !ints.empty()) {
      t.dims = {static_cast<int64_t>(ints.size())};
      t.ints = ints;
    } else {
      throw NodeProblem("only the value and value_ints forms of Constant are supported");
    }
    constants_[proto.output(0)] = std::move(t);
  }

  const onnx::GraphProto& proto_;
  Graph graph_;
  std::unordered_map<std::string, const onnx::TensorProto*> initializers_;
  std::unordered_map<std::string, ConstantTensor> constants_;    // Constant node outputs
  std::unordered_map<std::string, int> values_;                  // tensor name -> value id
  std::unordered_set<std::string> poisoned_;                     // outputs of failed nodes
  std::unordered_map<std::string, std::vector<int>> consumers_;  // ONNX node indices, -1 = output
  std::unordered_map<int, int> conv_of_value_;  // value id -> index of the Conv producing it
  std::vector<bool> fused_;                     // ONNX nodes absorbed by an earlier node
};

}  // namespace

Graph ImportOnnx(const std::string& path) {
  std::string bytes, reason;
  if (!ReadFileBytes(path, INT_MAX, &bytes, &reason)) {
    throw ModelError(
        fmt::format("{}: cannot open ONNX model: {}; check the `network:` path", path, reason));
  }
  return ImportOnnxBytes(bytes, path);
}

Graph ImportOnnxBytes(std::string_view bytes, const std::string& source) {
  if (bytes.empty()) {
    throw ModelError(
        fmt::format("{}: the file is empty, not an ONNX model; re-export the model", source));
  }
  onnx::ModelProto model;
  if (bytes.size() > static_cast<size_t>(INT_MAX) ||
      !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    throw ModelError(
        fmt::format("{}: not a valid ONNX model (protobuf parse failed: the file is "
                    "truncated, corrupt or not ONNX); re-export the model",
                    source));
  }
  if (!model.has_graph() || model.graph().node_size() == 0) {
    throw ModelError(fmt::format("{}: not a valid ONNX model (it has no graph nodes)", source));
  }
  return Importer(source, model.graph()).Run();
}

}  // namespace qscale::nn
