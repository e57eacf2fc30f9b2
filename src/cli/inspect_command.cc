#include "src/cli/inspect_command.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "src/nn/onnx_import.h"
#include "src/nn/summary.h"
#include "src/report/atomic_file.h"
#include "src/report/text_table.h"

namespace qscale::cli {

int RunInspect(const InspectArgs& args, std::ostream& out) {
  const nn::Graph graph = nn::ImportOnnx(args.model);
  const std::vector<nn::LayerSummary> layers = nn::Summarize(graph);

  report::TextTable table({"#", "layer", "op", "input", "output", "params", "MACs/image"},
                          {"#", "params", "MACs/image"});
  int64_t parameters = 0;
  int64_t macs = 0;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (size_t i = 0; i < layers.size(); ++i) {
    const nn::LayerSummary& layer = layers[i];
    table.AddRow({std::to_string(i), layer.name, layer.op, nn::ShapeToString(layer.input_shape),
                  nn::ShapeToString(layer.output_shape), report::GroupThousands(layer.parameters),
                  report::GroupThousands(layer.macs)});
    parameters += layer.parameters;
    macs += layer.macs;
    rows.push_back({{"name", layer.name},
                    {"op", layer.op},
                    {"input_shape", layer.input_shape},
                    {"output_shape", layer.output_shape},
                    {"parameters", layer.parameters},
                    {"macs", layer.macs}});
  }
  table.AddRule();
  table.AddRow({"", "total", "", "", "", report::GroupThousands(parameters),
                report::GroupThousands(macs)});

  out << fmt::format("{}: {} nodes, input {}, output {}\n\n", args.model, layers.size(),
                     nn::ShapeToString(graph.values[graph.input].shape),
                     nn::ShapeToString(graph.values[graph.output].shape))
      << table.Render()
      << fmt::format("\nparameters {} ({:.1f} KiB as fp32), MACs per image {}\n",
                     report::GroupThousands(parameters), parameters * 4 / 1024.0,
                     report::GroupThousands(macs));

  if (!args.json.empty()) {
    nlohmann::ordered_json json;
    json["schema"] = "qscale.inspect/1";
    json["model"] = args.model;
    json["layers"] = rows;
    json["totals"] = {{"parameters", parameters}, {"macs", macs}};
    report::WriteFileAtomically(args.json, json.dump(2) + "\n");
  }
  return 0;
}

}  // namespace qscale::cli
