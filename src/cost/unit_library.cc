#include "src/cost/unit_library.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace qscale::cost {
namespace {

CellCounts CellsOf(const nlohmann::json& stat, const std::string& path, const char* flow) {
  CellCounts cells;
  if (stat.is_null()) return cells;
  const auto design = stat.find("design");
  if (design == stat.end() || !design->contains("num_cells_by_type")) {
    throw CostError(fmt::format("{}: `{}` has no design.num_cells_by_type (re-run the build)",
                                path, flow));
  }
  for (const auto& [type, count] : (*design)["num_cells_by_type"].items()) {
    cells[type] = count.get<int64_t>();
  }
  return cells;
}

}  // namespace

std::string Describe(const std::string& module, const UnitParams& params) {
  std::string out = module + "(";
  bool first = true;
  for (const auto& [name, value] : params) {
    out += fmt::format("{}{}={}", first ? "" : ", ", name, value);
    first = false;
  }
  return out + ")";
}

UnitVariant UnitLibrary::ReadVariant(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw CostError(fmt::format("{}: cannot open unit costs file", path));
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
    UnitVariant v;
    v.file = path;
    v.module = json.at("module").get<std::string>();
    v.variant = json.at("variant").get<std::string>();
    for (const auto& [name, value] : json.at("params").items()) v.params[name] = value.get<int>();
    v.generic_cells = CellsOf(json.at("generic"), path, "generic");
    v.logic_depth = json.at("generic_depth").get<int>();
    v.has_xilinx = !json.at("xilinx").is_null();
    v.xilinx_cells = CellsOf(json.at("xilinx"), path, "xilinx");
    v.has_nodsp = !json.at("xilinx_nodsp").is_null();
    v.xilinx_nodsp_cells = CellsOf(json.at("xilinx_nodsp"), path, "xilinx_nodsp");
    const std::string suffix = ".unit.json";
    v.netlist_file = path.substr(0, path.size() - suffix.size()) + ".netlist.json";
    return v;
  } catch (const nlohmann::json::exception& e) {
    throw CostError(fmt::format("{}: malformed unit costs file ({})", path, e.what()));
  }
}

UnitLibrary UnitLibrary::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  UnitLibrary library;
  library.dir_ = dir;
  std::error_code error;
  if (fs::is_directory(dir, error)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
      const std::string name = entry.path().filename().string();
      if (name.size() > 10 && name.substr(name.size() - 10) == ".unit.json") {
        library.variants_.push_back(ReadVariant(entry.path().string()));
      }
    }
  }
  if (library.variants_.empty()) {
    throw CostError(fmt::format("{}: no synthesized units (*.unit.json); build them with "
                                "`ninja -C build qscale_unit_costs`, or point "
                                "QSCALE_UNIT_COSTS_DIR at a build's unit_costs directory",
                                dir));
  }
  std::sort(library.variants_.begin(), library.variants_.end(),
            [](const UnitVariant& a, const UnitVariant& b) {
              return std::tie(a.module, a.variant) < std::tie(b.module, b.variant);
            });
  return library;
}

const UnitVariant* UnitLibrary::Find(const std::string& module, const UnitParams& params) const {
  for (const UnitVariant& v : variants_) {
    if (v.module == module && v.params == params) return &v;
  }
  return nullptr;
}

const UnitVariant& UnitLibrary::Require(const std::string& module,
                                        const UnitParams& params) const {
  if (const UnitVariant* v = Find(module, params)) return *v;
  std::string have;
  for (const UnitVariant* v : Of(module)) {
    have += (have.empty() ? "" : ", ") + Describe(v->module, v->params);
  }
  throw CostError(fmt::format("{}: {} was not synthesized (have: {}); add it to "
                              "src/cost/CMakeLists.txt",
                              dir_, Describe(module, params), have.empty() ? "none" : have));
}

std::vector<const UnitVariant*> UnitLibrary::Of(const std::string& module) const {
  std::vector<const UnitVariant*> out;
  for (const UnitVariant& v : variants_) {
    if (v.module == module) out.push_back(&v);
  }
  return out;
}

std::string DefaultUnitCostsDir() {
  if (const char* env = std::getenv("QSCALE_UNIT_COSTS_DIR"); env != nullptr && *env) return env;
  return QSCALE_UNIT_COSTS_DIR;
}

}  // namespace qscale::cost
