#include "src/sweep/results.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "src/report/atomic_file.h"
#include "src/report/table_format.h"

namespace qscale::sweep {
namespace {

std::optional<double> Number(const nlohmann::ordered_json& json,
                             const std::vector<std::string>& path) {
  const nlohmann::ordered_json* at = &json;
  for (const std::string& key : path) {
    if (!at->is_object() || !at->contains(key)) return std::nullopt;
    at = &at->at(key);
  }
  if (!at->is_number()) return std::nullopt;
  return at->get<double>();
}

std::string Format(const std::optional<double>& v) {
  if (!v) return "";
  return fmt::format("{:.10g}", *v);
}

// -1: a better than b in this objective, +1: worse, 0: equal. Maximized when `more`.
int Compare(double a, double b, bool more) {
  if (a == b) return 0;
  return (more ? a > b : a < b) ? -1 : 1;
}

}  // namespace

std::vector<std::pair<std::string, std::optional<double>>> Figures(
    const nlohmann::ordered_json& r) {
  const std::optional<double> images = Number(r, {"accuracy", "images"});
  auto per_image = [&](std::optional<double> v) -> std::optional<double> {
    if (!v || !images || *images <= 0) return std::nullopt;
    return *v / *images;
  };
  std::optional<double> dram;
  if (const auto w = Number(r, {"traffic", "dram_bits", "weights"})) {
    dram = (*w + Number(r, {"traffic", "dram_bits", "inputs"}).value_or(0) +
            Number(r, {"traffic", "dram_bits", "outputs"}).value_or(0)) /
           8;
  }
  const std::optional<double> cycles = Number(r, {"cycles", "total"});
  const std::optional<double> stall = Number(r, {"cycles", "stall"});
  return {{"top1", Number(r, {"accuracy", "top1"})},
          {"float_top1", Number(r, {"accuracy", "float_top1"})},
          {"images", images},
          {"cycles_per_image", per_image(cycles)},
          {"stall_fraction", cycles && stall && *cycles > 0
                                 ? std::optional<double>(*stall / *cycles)
                                 : std::nullopt},
          {"utilization", Number(r, {"utilization"})},
          {"weight_bits", Number(r, {"memory", "weight_bits"})},
          {"dram_bytes_per_image", per_image(dram)},
          {"energy_pj_per_image", per_image(Number(r, {"energy_pj", "total"}))},
          {"area_um2", Number(r, {"area_um2", "total"})}};
}

std::vector<size_t> ParetoFront(const std::vector<PointOutcome>& outcomes) {
  // Objectives: (column, maximize). An objective counts only when every ok point has it.
  const std::vector<std::pair<std::string, bool>> all = {{"top1", true},
                                                         {"energy_pj_per_image", false},
                                                         {"area_um2", false},
                                                         {"cycles_per_image", false}};
  std::vector<size_t> ok;
  std::vector<std::vector<std::optional<double>>> values;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].ok) continue;
    ok.push_back(i);
    const auto figures = Figures(outcomes[i].report);
    std::vector<std::optional<double>> v;
    for (const auto& objective : all) {
      const std::string& name = objective.first;
      const auto it = std::find_if(figures.begin(), figures.end(),
                                   [&](const auto& f) { return f.first == name; });
      v.push_back(it->second);
    }
    values.push_back(v);
  }
  std::vector<size_t> used;
  for (size_t o = 0; o < all.size(); ++o) {
    if (!values.empty() &&
        std::all_of(values.begin(), values.end(), [&](const auto& v) { return v[o].has_value(); })) {
      used.push_back(o);
    }
  }
  std::vector<size_t> front;
  for (size_t a = 0; a < ok.size(); ++a) {
    bool dominated = false;
    for (size_t b = 0; b < ok.size() && !dominated; ++b) {
      if (a == b) continue;
      bool better_somewhere = false, worse_somewhere = false;
      for (size_t o : used) {
        const int c = Compare(*values[b][o], *values[a][o], all[o].second);
        better_somewhere |= c < 0;
        worse_somewhere |= c > 0;
      }
      dominated = better_somewhere && !worse_somewhere;
    }
    if (!dominated) front.push_back(ok[a]);
  }
  return front;
}

void WriteResults(const Sweep& sweep, const std::vector<PointOutcome>& outcomes,
                  const std::string& dir) {
  std::vector<std::string> figure_names;
  for (const auto& f : Figures(nlohmann::ordered_json::object())) figure_names.push_back(f.first);
  auto header = [&] {
    std::string line = "index,id";
    for (const std::string& key : sweep.axis_keys) line += "," + report::CsvCell(key);
    line += ",status";
    for (const std::string& name : figure_names) line += "," + name;
    return line + ",error\n";
  };
  auto row = [&](const PointOutcome& o) {
    std::string line = fmt::format("{},{}", o.point->index, o.point->id);
    for (const auto& [key, value] : o.point->axes) line += "," + report::CsvCell(value);
    line += o.ok ? ",ok" : ",error";
    const auto figures = Figures(o.ok ? o.report : nlohmann::ordered_json::object());
    for (const auto& f : figures) line += "," + Format(f.second);
    return line + "," + report::CsvCell(o.error) + "\n";
  };
  std::string csv = header(), jsonl, pareto = header();
  for (const PointOutcome& o : outcomes) {
    csv += row(o);
    nlohmann::ordered_json line;
    line["index"] = o.point->index;
    line["id"] = o.point->id;
    nlohmann::ordered_json axes = nlohmann::ordered_json::object();
    for (const auto& [key, value] : o.point->axes) axes[key] = value;
    line["axes"] = axes;
    line["status"] = o.ok ? "ok" : "error";
    if (o.ok) {
      nlohmann::ordered_json report = o.report;
      report.erase("host");
      line["report"] = report;
    } else {
      line["error"] = o.error;
    }
    jsonl += line.dump() + "\n";
  }
  for (size_t i : ParetoFront(outcomes)) pareto += row(outcomes[i]);
  report::WriteFileAtomically(dir + "/results.csv", csv);
  report::WriteFileAtomically(dir + "/results.jsonl", jsonl);
  report::WriteFileAtomically(dir + "/pareto.csv", pareto);
}

}  // namespace qscale::sweep
