#include "src/nn/topology_csv.h"

#include <array>
#include <cctype>
#include <cmath>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include "src/nn/file_bytes.h"
#include "src/nn/onnx_attributes.h"
#include "src/nn/onnx_import.h"

namespace qscale::nn {
namespace {

// Throws ModelError with `message`, control characters from the file shown as "\xNN" so that a
// message stays one line.
[[noreturn]] void Fail(const std::string& message) {
  throw ModelError(onnx_internal::Printable(message));
}

constexpr std::array<const char*, 8> kColumns = {"Layer name",    "IFMAP Height", "IFMAP Width",
                                                 "Filter Height", "Filter Width", "Channels",
                                                 "Num Filter",    "Strides"};

std::string Trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

// Lower case without spaces: "IFMAP Height" -> "ifmapheight".
std::string Key(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::vector<std::string> SplitCells(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  std::string cell;
  while (std::getline(in, cell, ',')) cells.push_back(Trim(cell));
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

std::string ColumnList() {
  std::string list;
  for (const char* c : kColumns) list += std::string(list.empty() ? "" : ", ") + c;
  return list;
}

int ParseDim(const std::string& cell, const std::string& source, int line, int column) {
  size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(cell, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != cell.size()) {
    Fail(fmt::format("{}:{}: {} \"{}\" is not a whole number", source, line, kColumns[column],
                     cell));
  }
  if (value < 1 || value > kMaxTopologyDim) {
    Fail(fmt::format("{}:{}: {} must be in 1..{} (got {})", source, line, kColumns[column],
                     kMaxTopologyDim, value));
  }
  return static_cast<int>(value);
}

}  // namespace

std::vector<TopologyLayer> ParseTopologyCsv(const std::string& text, const std::string& source) {
  std::vector<TopologyLayer> layers;
  std::stringstream in(text);
  std::string line;
  int number = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> cells = SplitCells(line);
    if (cells.empty()) continue;
    if (!header) {
      for (size_t c = 0; c < kColumns.size(); ++c) {
        if (c >= cells.size()) {
          Fail(fmt::format("{}:{}: missing column {} \"{}\" (a SCALE-Sim topology has: {})", source,
                           number, c + 1, kColumns[c], ColumnList()));
        }
        if (Key(cells[c]) != Key(kColumns[c])) {
          Fail(fmt::format(
              "{}:{}: column {} is \"{}\", expected \"{}\" (a SCALE-Sim topology has: {})", source,
              number, c + 1, cells[c], kColumns[c], ColumnList()));
        }
      }
      header = true;
      continue;
    }
    if (cells.size() < kColumns.size()) {
      Fail(fmt::format("{}:{}: {} values, expected {} ({})", source, number, cells.size(),
                       kColumns.size(), ColumnList()));
    }
    TopologyLayer layer;
    layer.name = cells[0].empty() ? fmt::format("layer{}", layers.size() + 1) : cells[0];
    layer.line = number;
    layer.ifmap_h = ParseDim(cells[1], source, number, 1);
    layer.ifmap_w = ParseDim(cells[2], source, number, 2);
    layer.filter_h = ParseDim(cells[3], source, number, 3);
    layer.filter_w = ParseDim(cells[4], source, number, 4);
    layer.channels = ParseDim(cells[5], source, number, 5);
    layer.filters = ParseDim(cells[6], source, number, 6);
    layer.stride = ParseDim(cells[7], source, number, 7);
    if (layer.filter_h > layer.ifmap_h) {
      Fail(fmt::format("{}:{}: Filter Height {} is larger than IFMAP Height {}", source, number,
                       layer.filter_h, layer.ifmap_h));
    }
    if (layer.filter_w > layer.ifmap_w) {
      Fail(fmt::format("{}:{}: Filter Width {} is larger than IFMAP Width {}", source, number,
                       layer.filter_w, layer.ifmap_w));
    }
    layers.push_back(layer);
  }
  if (!header) {
    Fail(fmt::format("{}: empty topology file; expected a header line ({})", source, ColumnList()));
  }
  if (layers.empty()) {
    Fail(fmt::format("{}: the topology has a header but no layers", source));
  }
  return layers;
}

std::vector<TopologyLayer> ReadTopologyCsv(const std::string& path) {
  // A SCALE-Sim topology of thousands of layers is well under a megabyte.
  constexpr size_t kMaxTopologyBytes = size_t{64} << 20;
  std::string text, reason;
  if (!ReadFileBytes(path, kMaxTopologyBytes, &text, &reason)) {
    Fail(fmt::format("{}: cannot read topology file: {}; check the config's network: path", path,
                     reason));
  }
  return ParseTopologyCsv(text, path);
}

std::vector<Graph> TopologyGraphs(const std::vector<TopologyLayer>& layers,
                                  const std::string& source, uint32_t seed) {
  std::mt19937 rng(seed);
  auto uniform = [&rng] {  // in [-1, 1), from 24 bits of one draw: platform independent
    return static_cast<float>(static_cast<double>(rng() >> 8) * 0x1p-23 - 1.0);
  };
  std::vector<Graph> graphs;
  for (const TopologyLayer& layer : layers) {
    Graph graph;
    graph.source = source;
    const int ho = (layer.ifmap_h - layer.filter_h) / layer.stride + 1;
    const int wo = (layer.ifmap_w - layer.filter_w) / layer.stride + 1;
    graph.values = {{layer.name + "_input", {layer.channels, layer.ifmap_h, layer.ifmap_w}},
                    {layer.name + "_output", {layer.filters, ho, wo}}};
    graph.input = 0;
    graph.output = 1;
    Node node;
    node.name = layer.name;
    node.onnx_op = "Conv";
    node.op = OpKind::kConv;
    node.inputs = {0};
    node.output = 1;
    node.kernel_h = layer.filter_h;
    node.kernel_w = layer.filter_w;
    node.stride_h = node.stride_w = layer.stride;
    const int64_t fan_in = int64_t{layer.channels} * layer.filter_h * layer.filter_w;
    const float bound = static_cast<float>(std::sqrt(3.0 / static_cast<double>(fan_in)));
    node.weights.resize(static_cast<size_t>(fan_in * layer.filters));
    for (float& w : node.weights) w = bound * uniform();
    node.bias.assign(layer.filters, 0.0f);
    graph.nodes.push_back(std::move(node));
    graphs.push_back(std::move(graph));
  }
  return graphs;
}

}  // namespace qscale::nn
