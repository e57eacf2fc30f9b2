#include "tests/fuzz/fuzz_targets.h"

#include <cstdint>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "src/config/config_listing.h"
#include "src/config/run_config.h"
#include "src/nn/float_engine.h"
#include "src/nn/graph.h"
#include "src/nn/idx_reader.h"
#include "src/nn/onnx_import.h"
#include "src/nn/summary.h"
#include "src/nn/topology_csv.h"
#include "src/sweep/sweep_spec.h"

namespace qscale::fuzz {
namespace {

// How the targets name their input in messages; every error message must start with it.
constexpr char kConfigName[] = "fuzz.yaml";
constexpr char kOnnxName[] = "fuzz.onnx";
constexpr char kIdxName[] = "fuzz.idx";
constexpr char kTopologyName[] = "fuzz.csv";
constexpr char kSweepName[] = "fuzz_sweep.yaml";

// An accepted graph is also run through the float engine when it is at most this big.
constexpr int64_t kMaxEngineMacs = int64_t{1} << 20;
constexpr int64_t kMaxEngineValue = int64_t{1} << 16;

void Require(bool condition, const std::string& what) {
  if (!condition) throw FuzzBug(what);
}

// The shape of an error message: it starts with `prefix` (or, for an override, "--set "), and it
// is one line without control characters, except that `detail_lines` allows further lines each
// indented by two spaces (the ONNX importer's list of unsupported nodes).
std::string CheckMessage(const std::string& message, std::string_view prefix, bool detail_lines) {
  const bool named =
      message.rfind(std::string(prefix) + ":", 0) == 0 || message.rfind("--set ", 0) == 0;
  Require(named, "message does not start with the input's name: " + message);
  for (size_t i = 0; i < message.size(); ++i) {
    const auto c = static_cast<unsigned char>(message[i]);
    if (c == '\n' && detail_lines) {
      Require(message.compare(i + 1, 2, "  ") == 0, "detail line not indented: " + message);
    } else {
      Require(c >= 0x20 && c != 0x7f,
              fmt::format("control character 0x{:02x} at {} in message: {}", c, i, message));
    }
  }
  return message;
}

// Input: YAML text. Leading lines "#set key=value" (YAML comments, so that a seed stays a valid
// config file) are also passed as --set overrides, in order.
std::string FuzzConfig(std::string_view input) {
  std::vector<std::string> overrides;
  size_t at = 0;
  while (input.compare(at, 5, "#set ") == 0) {
    size_t end = input.find('\n', at);
    if (end == std::string_view::npos) end = input.size();
    overrides.emplace_back(input.substr(at + 5, end - at - 5));
    at = std::min(end + 1, input.size());
  }
  config::RunConfig config;
  try {
    config = config::ParseRunConfigString(std::string(input), kConfigName, overrides);
  } catch (const config::ConfigError& e) {
    return CheckMessage(e.what(), kConfigName, /*detail_lines=*/false);
  }
  // config_listing.h's contract: each listed pair is a valid override reproducing its value,
  // and the YAML listing parses back to the same config.
  const auto pairs = config::Flatten(config);
  std::vector<std::string> again;
  for (const auto& [key, value] : pairs) again.push_back(key + "=" + value);
  try {
    Require(config::Flatten(config::ParseRunConfigString("", "listing", again)) == pairs,
            "the listing read back as --set overrides gives another config");
    Require(config::Flatten(config::ParseRunConfigString(config::ToYaml(config), "yaml")) == pairs,
            "ToYaml read back gives another config");
  } catch (const config::ConfigError& e) {
    throw FuzzBug(std::string("an accepted config's listing is rejected: ") + e.what());
  }
  return "";
}

// The invariants graph.h promises of an imported graph, which every later stage relies on.
void CheckGraph(const nn::Graph& graph) {
  const int values = static_cast<int>(graph.values.size());
  const auto valid = [values](int id) { return id >= 0 && id < values; };
  Require(valid(graph.input) && valid(graph.output), "input or output is not a value");
  for (const nn::Value& value : graph.values) {
    Require(!value.shape.empty(), "value " + value.name + " has no shape");
    for (int dim : value.shape) Require(dim > 0, "value " + value.name + " has a dim <= 0");
  }
  Require(graph.values[graph.output].shape.size() == 1, "output is not a vector");
  for (const nn::Node& node : graph.nodes) {
    Require(valid(node.output), "node " + node.name + " writes no value");
    Require(node.inputs.size() == (node.op == nn::OpKind::kAdd ? 2u : 1u),
            "node " + node.name + " has a wrong input count");
    for (int input : node.inputs) Require(valid(input), "node " + node.name + " reads no value");
    const nn::Shape& in = graph.values[node.inputs[0]].shape;
    const nn::Shape& out = graph.values[node.output].shape;
    if (node.op == nn::OpKind::kConv) {
      Require(in.size() == 3 && out.size() == 3, "conv " + node.name + " is not on C x H x W");
      Require(node.weights.size() ==
                  static_cast<size_t>(out[0]) * in[0] * node.kernel_h * node.kernel_w,
              "conv " + node.name + " has a wrong weight count");
      Require(node.bias.size() == static_cast<size_t>(out[0]), "conv bias count");
    } else if (node.op == nn::OpKind::kDense) {
      Require(in.size() == 1 && out.size() == 1, "dense " + node.name + " is not on vectors");
      Require(node.weights.size() == static_cast<size_t>(out[0]) * in[0], "dense weight count");
      Require(node.bias.size() == static_cast<size_t>(out[0]), "dense bias count");
    }
  }
}

// Input: the bytes of an .onnx file.
std::string FuzzOnnx(std::string_view input) {
  nn::Graph graph;
  try {
    graph = nn::ImportOnnxBytes(input, kOnnxName);
  } catch (const nn::ModelError& e) {
    return CheckMessage(e.what(), kOnnxName, /*detail_lines=*/true);
  }
  CheckGraph(graph);
  int64_t macs = 0;
  int64_t largest = 0;
  for (const nn::LayerSummary& layer : nn::Summarize(graph)) macs += layer.macs;
  for (const nn::Value& value : graph.values) {
    largest = std::max(largest, nn::NumElements(value.shape));
  }
  if (macs <= kMaxEngineMacs && largest <= kMaxEngineValue) {
    const nn::FloatEngine engine(graph, 1);
    const std::vector<float> image(
        static_cast<size_t>(nn::NumElements(graph.values[graph.input].shape)), 0.5f);
    const std::vector<float> logits = engine.Run(image.data(), 1);
    Require(
        static_cast<int64_t>(logits.size()) == nn::NumElements(graph.values[graph.output].shape),
        "the engine returned a wrong number of logits");
  }
  return "";
}

// Input: one selector byte, then the bytes of an IDX file (gzip or plain). Selector bit 0:
// 0 = image file, 1 = label file; bits 1..7: keep that many items minus one (0 keeps all).
std::string FuzzIdx(std::string_view input) {
  if (input.empty()) return "";
  const auto selector = static_cast<uint8_t>(input[0]);
  const bool labels = (selector & 1) != 0;
  const int max_count = (selector >> 1) - 1;
  input.remove_prefix(1);
  try {
    if (labels) {
      const std::vector<uint8_t> got = nn::ParseIdxLabels(input, kIdxName, max_count);
      Require(max_count < 0 || got.size() <= static_cast<size_t>(max_count), "too many labels");
    } else {
      const nn::IdxImages got = nn::ParseIdxImages(input, kIdxName, max_count);
      Require(got.count >= 0 && got.rows > 0 && got.cols > 0, "bad image dimensions");
      Require(max_count < 0 || got.count <= max_count, "too many images");
      Require(got.pixels.size() == static_cast<size_t>(got.count) * got.rows * got.cols,
              "pixel count differs from count x rows x cols");
    }
  } catch (const nn::DataError& e) {
    return CheckMessage(e.what(), kIdxName, /*detail_lines=*/false);
  }
  return "";
}

// Input: the text of a SCALE-Sim topology CSV.
std::string FuzzTopology(std::string_view input) {
  std::vector<nn::TopologyLayer> layers;
  try {
    layers = nn::ParseTopologyCsv(std::string(input), kTopologyName);
  } catch (const nn::ModelError& e) {
    return CheckMessage(e.what(), kTopologyName, /*detail_lines=*/false);
  }
  Require(!layers.empty(), "an accepted topology has no layer");
  int64_t weights = 0;
  for (const nn::TopologyLayer& l : layers) {
    for (int dim : {l.ifmap_h, l.ifmap_w, l.filter_h, l.filter_w, l.channels, l.filters, l.stride}) {
      Require(dim >= 1 && dim <= nn::kMaxTopologyDim, "layer " + l.name + ": a dim out of range");
    }
    Require(l.filter_h <= l.ifmap_h && l.filter_w <= l.ifmap_w,
            "layer " + l.name + ": filter larger than the IFMAP");
    weights += int64_t{l.filters} * l.channels * l.filter_h * l.filter_w;
  }
  if (weights <= kMaxEngineMacs) {
    const std::vector<nn::Graph> graphs = nn::TopologyGraphs(layers, kTopologyName, 1);
    Require(graphs.size() == layers.size(), "one graph per layer");
    for (size_t i = 0; i < graphs.size(); ++i) {
      const nn::TopologyLayer& l = layers[i];
      const nn::Graph& g = graphs[i];
      Require(g.nodes.size() == 1 && g.nodes[0].op == nn::OpKind::kConv,
              "layer " + l.name + ": not one Conv node");
      const nn::Shape want = {l.filters, (l.ifmap_h - l.filter_h) / l.stride + 1,
                              (l.ifmap_w - l.filter_w) / l.stride + 1};
      Require(g.values.at(g.nodes[0].output).shape == want, "layer " + l.name + ": output shape");
      Require(g.nodes[0].weights.size() ==
                  static_cast<size_t>(l.filters) * l.channels * l.filter_h * l.filter_w,
              "layer " + l.name + ": weight count");
    }
  }
  return "";
}

// Input: a sweep YAML. A message names the sweep or the base config file it names.
std::string FuzzSweep(std::string_view input) {
  const std::string text(input);
  sweep::Sweep sweep;
  try {
    sweep = sweep::ParseSweep(config::ParseConfigText(text, kSweepName), kSweepName);
  } catch (const config::ConfigError& e) {
    // A problem of the base config names the base file (its name as the message prints it,
    // control characters escaped), otherwise the sweep: either way one clean line.
    const std::string message = e.what();
    const bool sweep_named = message.rfind(std::string(kSweepName) + ":", 0) == 0;
    return CheckMessage(message, sweep_named ? kSweepName : message.substr(0, message.find(':')),
                        /*detail_lines=*/false);
  }
  Require(!sweep.points.empty() && sweep.points.size() <= sweep::kMaxSweepPoints,
          "an accepted sweep has no points or too many");
  std::set<std::string> ids;
  for (size_t i = 0; i < sweep.points.size(); ++i) {
    Require(sweep.points[i].index == static_cast<int>(i), "point indices out of order");
    Require(ids.insert(sweep.points[i].id).second, "two points share an id");
    Require(sweep.points[i].id == sweep::PointId(sweep.points[i].axes), "a point id is unstable");
  }
  return "";
}

}  // namespace

const std::vector<FuzzTarget>& FuzzTargets() {
  static const auto* const kTargets = new std::vector<FuzzTarget>{
      {"config", FuzzConfig,
       "YAML config text; leading lines \"#set key=value\" are also applied as --set overrides"},
      {"onnx", FuzzOnnx, "the bytes of an .onnx model file"},
      {"idx", FuzzIdx,
       "one selector byte (bit 0: 0 images, 1 labels; bits 1..7: keep N-1 items, 0 = all), then "
       "an IDX file, gzip or plain"},
      {"topology", FuzzTopology, "the text of a SCALE-Sim topology CSV"},
      {"sweep", FuzzSweep, "sweep YAML text (base may name a config file, relative to the repo)"},
  };
  return *kTargets;
}

const FuzzTarget* FindFuzzTarget(std::string_view name) {
  for (const FuzzTarget& target : FuzzTargets()) {
    if (target.name == name) return &target;
  }
  return nullptr;
}

}  // namespace qscale::fuzz
