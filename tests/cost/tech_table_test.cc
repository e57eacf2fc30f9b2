// Every constant of configs/tech/*.yaml has a unit and a source (DESIGN.md section 4; issue 6).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "src/config/config_error.h"
#include "src/config/config_node.h"
#include "src/config/tech_spec.h"

namespace qscale::config {
namespace {

std::vector<std::string> TechFiles() {
  std::vector<std::string> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(QSCALE_SOURCE_DIR "/configs/tech")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  return files;
}

bool IsNumber(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// Walks `node`; every number must be the `value` of a map with a non-empty `unit` and `source`,
// or a qualifier of such a map whose key names its unit (`bits`, `capacity_kib`), or an RTL
// parameter of the calibration unit (`calibration.params`, not a constant). Collects offenders.
void Walk(const ConfigNode& node, const std::string& key, bool in_figure,
          std::vector<std::string>* bad, int* figures) {
  if (node.IsMap()) {
    const bool figure = node.Child("value").IsPresent();
    if (figure) {
      ++*figures;
      for (const char* field : {"unit", "source"}) {
        const ConfigNode f = node.Child(field);
        if (!f.IsPresent() || !f.IsScalar() || f.Scalar().empty()) {
          bad->push_back(node.Location() + ": no " + field);
        }
      }
    }
    if (key == "params") return;  // calibration.params: the anchor unit's RTL parameters
    for (const auto& [k, child] : node.Entries()) Walk(child, k, figure, bad, figures);
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i) Walk(node.Element(i), key, false, bad, figures);
  } else if (node.IsScalar() && IsNumber(node.Scalar())) {
    const bool ok = in_figure && (key == "value" || key == "bits" || key == "capacity_kib");
    if (!ok) bad->push_back(node.Location() + ": " + key + " = " + node.Scalar() +
                            " is a number outside a {value, unit, source} figure");
  }
}

TEST(TechTable, EveryConstantHasAUnitAndASource) {
  const auto files = TechFiles();
  ASSERT_FALSE(files.empty());
  for (const std::string& file : files) {
    std::vector<std::string> bad;
    int figures = 0;
    Walk(LoadConfigFile(file), "", false, &bad, &figures);
    EXPECT_TRUE(bad.empty()) << file << ":\n" << ::testing::PrintToString(bad);
    EXPECT_GT(figures, 20) << file;
    std::cout << file << ": " << figures << " figures, each with a unit and a source\n";
    // The parser agrees and keeps them: every figure it uses carries its unit and source.
    const TechSpec tech = LoadTechSpec(file);
    std::vector<const TechFigure*> used = {&tech.node_nm,          &tech.supply_v,
                                           &tech.dram_pj_per_bit,  &tech.sram_write_vs_read,
                                           &tech.sram_bitcell_um2, &tech.register_pj_per_bit,
                                           &tech.fp32_add_pj,      &tech.fp32_mult_pj,
                                           &tech.leakage_mw_per_mm2, &tech.calibration_pj};
    for (const auto* list : {&tech.sram_read_pj_per_bit, &tech.int_add_pj, &tech.int_mult_pj}) {
      for (const TechAnchor& a : *list) used.push_back(&a.figure);
    }
    for (const auto& [kind, figure] : tech.cell_um2) used.push_back(&figure);
    for (const TechFigure* f : used) {
      EXPECT_FALSE(f->unit.empty()) << f->location;
      EXPECT_FALSE(f->source.empty()) << f->location;
      EXPECT_GT(f->value, 0) << f->location;
    }
  }
}

TEST(TechTable, AFigureWithoutASourceIsRejected) {
  const std::string text =
      "name: x\nnode: {value: 45, unit: nm}\n";
  try {
    ParseTechSpec(ParseConfigText(text, "t.yaml"));
    FAIL() << "accepted a figure without a source";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("source"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace qscale::config
