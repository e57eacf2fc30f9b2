// The unit costs of issue 6's acceptance, read from this build's Yosys runs (build/unit_costs):
// no area, LUT or DSP figure is typed by hand; SP2 on LUTs vs the exact multiplier without DSPs;
// the bit-serial multiplier's area; the CSD multiplier's energy and area by quality.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "src/config/tech_spec.h"
#include "src/cost/unit_area.h"
#include "src/cost/unit_costs.h"
#include "src/cost/unit_library.h"
#include "src/driver/unit_tables.h"
#include "src/golden/mul_sp2.h"
#include "tests/cost/built_units.h"

namespace qscale::cost {
namespace {

namespace fs = std::filesystem;

using testing::BuiltUnits;
using testing::Tech45nm;

double Um2(const UnitVariant& v) { return GenericArea(v.generic_cells, Tech45nm()).um2; }

// The row of `table` whose first two cells are `module` and `params`.
const std::vector<std::string>& Row(const report::Table& table, const std::string& module,
                                    const std::string& params) {
  for (const auto& row : table.rows) {
    if (row[0] == module && row[1] == params) return row;
  }
  throw std::runtime_error("no row " + module + " " + params);
}

size_t Column(const report::Table& table, const std::string& name) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i] == name) return i;
  }
  throw std::runtime_error("no column " + name);
}

// Runs scripts/synth_unit.sh as the build does, into `dir`, with a fresh cache (Yosys runs).
void Synthesize(const fs::path& dir, const fs::path& cache, const std::string& id,
                const std::string& params) {
  const std::string src = QSCALE_SOURCE_DIR;
  const std::string cmd = fmt::format(
      "QSCALE_SYNTH_CACHE='{}' bash '{}/scripts/synth_unit.sh' '{}' {} mul_exact '{}' "
      "'generic xilinx' '{}/rtl/multipliers/mul_exact.sv' '{}/rtl/common/flop_en.sv'",
      cache.string(), src, dir.string(), id, params, src, src);
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

// Changing a unit's width changes its row of `qscale tables`: the table is computed from the
// Yosys output of this build, not from typed figures.
TEST(UnitCosts, ChangingAUnitsWidthChangesItsTableRow) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("qscale_width_{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  // The calibration anchor, as this build synthesized it.
  const UnitVariant& anchor =
      BuiltUnits().Require("mul_exact", {{"WeightWidth", 8}, {"ActWidth", 8}});
  fs::copy_file(anchor.file, dir / fs::path(anchor.file).filename());
  fs::copy_file(anchor.netlist_file, dir / fs::path(anchor.netlist_file).filename());
  Synthesize(dir, dir / "cache", "mul_exact.w5a8", "WeightWidth=5 ActWidth=8");
  Synthesize(dir, dir / "cache", "mul_exact.w6a8", "WeightWidth=6 ActWidth=8");

  const UnitLibrary library = UnitLibrary::Load(dir.string());
  const UnitCosts costs(Tech45nm(), library);
  const report::Table table = driver::UnitTable(costs);
  const auto& w5 = Row(table, "mul_exact", "ActWidth=8 WeightWidth=5");
  const auto& w6 = Row(table, "mul_exact", "ActWidth=8 WeightWidth=6");
  for (const char* column : {"cells", "NAND2-eq", "area (µm²)", "E/op size (pJ)"}) {
    const size_t c = Column(table, column);
    EXPECT_NE(w5[c], w6[c]) << column;
    EXPECT_LT(std::stod(w5[c]), std::stod(w6[c])) << column;
  }
  // LUTs: the default mapping puts the product on a DSP at both widths (same LUT count, the
  // output flops' LUTs), so the DSP and FF columns are what must follow the Yosys run.
  const size_t ff = Column(table, "FF");
  EXPECT_NE(w5[ff], w6[ff]);
  // Every figure of the row is the unit file's: recomputing from the Yosys stat agrees.
  for (const auto* v : library.Of("mul_exact")) {
    const auto& row = Row(table, "mul_exact",
                          fmt::format("ActWidth=8 WeightWidth={}", v->params.at("WeightWidth")));
    EXPECT_EQ(row[Column(table, "area (µm²)")], fmt::format("{:.1f}", Um2(*v)));
    EXPECT_EQ(row[Column(table, "LUT")], fmt::format("{}", FpgaOf(v->xilinx_cells).luts));
    EXPECT_EQ(row[Column(table, "DSP")], fmt::format("{}", FpgaOf(v->xilinx_cells).dsps));
  }
  std::cout << "w5: " << w5[Column(table, "area (µm²)")] << " um^2, w6: "
            << w6[Column(table, "area (µm²)")] << " um^2\n";
  fs::remove_all(dir);
}

// FPGA flow: mul_sp2 needs no DSP and fewer LUTs than mul_exact mapped without DSPs
// (synth_xilinx -nodsp) at the same width: the exact multiplier whose weight grid is as wide as
// the SP2 product's (Sp2ProductBits - ActWidth = 2^(CodeBits/2) bits: 4 for 4-bit codes, 16
// for 8-bit codes).
TEST(UnitCosts, Sp2UsesNoDspAndFewerLutsThanExactWithoutDsps) {
  for (int code_bits : {4, 8}) {
    const int grid = golden::Sp2ProductBits(code_bits, 8) - 8;
    const UnitVariant& sp2 =
        BuiltUnits().Require("mul_sp2", {{"ActWidth", 8}, {"CodeBits", code_bits}});
    const UnitVariant& exact =
        BuiltUnits().Require("mul_exact", {{"WeightWidth", grid}, {"ActWidth", 8}});
    ASSERT_TRUE(sp2.has_xilinx);
    ASSERT_TRUE(exact.has_xilinx && exact.has_nodsp) << "mul_exact needs both mappings";
    const FpgaCount s = FpgaOf(sp2.xilinx_cells);
    const FpgaCount dsp = FpgaOf(exact.xilinx_cells);
    const FpgaCount lut = FpgaOf(exact.xilinx_nodsp_cells);
    EXPECT_EQ(s.dsps, 0);
    EXPECT_GE(dsp.dsps, 1) << "the default mapping uses a DSP";
    EXPECT_EQ(lut.dsps, 0);
    EXPECT_LT(s.luts, lut.luts);
    std::cout << fmt::format("CodeBits {} (grid {} bits): mul_sp2 {} LUT {} DSP; mul_exact {} "
                             "LUT {} DSP, -nodsp {} LUT {} DSP\n",
                             code_bits, grid, s.luts, s.dsps, dsp.luts, dsp.dsps, lut.luts,
                             lut.dsps);
  }
}

// Generic-gate flow: at the configs' 8-bit weights the bit-serial multiplier is the smallest
// multiplier (exact, csd, and sp2 on 8-bit codes); at 16 bits it is smaller than the exact one.
TEST(UnitCosts, BitSerialIsTheSmallestMultiplierAtEightBits) {
  const UnitParams w8 = {{"WeightWidth", 8}, {"ActWidth", 8}};
  const double serial = Um2(BuiltUnits().Require("mul_bitserial", w8));
  const double exact = Um2(BuiltUnits().Require("mul_exact", w8));
  const double csd = Um2(BuiltUnits().Require("mul_csd", w8));
  const double sp2 = Um2(BuiltUnits().Require("mul_sp2", {{"ActWidth", 8}, {"CodeBits", 8}}));
  EXPECT_LT(serial, exact);
  EXPECT_LT(serial, csd);
  EXPECT_LT(serial, sp2);
  // Every exact 8-bit multiplier of the build (not mul_csd built for quality 1..3, with its rows
  // cut at synthesis: an approximate circuit).
  for (const UnitVariant& v : BuiltUnits().variants()) {
    if (v.module.rfind("mul_", 0) != 0 || &v == &BuiltUnits().Require("mul_bitserial", w8) ||
        HasTiedPorts(v)) {
      continue;
    }
    const auto width = v.params.count("CodeBits") ? v.params.at("CodeBits")
                                                  : v.params.at("WeightWidth");
    if (width == 8 && v.params.at("ActWidth") == 8) {
      EXPECT_LT(serial, Um2(v)) << v.variant;
    }
  }
  const UnitParams w16 = {{"WeightWidth", 16}, {"ActWidth", 8}};
  const double serial16 = Um2(BuiltUnits().Require("mul_bitserial", w16));
  const double exact16 = Um2(BuiltUnits().Require("mul_exact", w16));
  EXPECT_LT(serial16, exact16);
  std::cout << fmt::format("8x8 um^2: bitserial {:.1f}, exact {:.1f}, sp2 (8-bit codes) {:.1f}, "
                           "csd {:.1f}; 16x8: bitserial {:.1f}, exact {:.1f}\n",
                           serial, exact, sp2, csd, serial16, exact16);
}

// CSD multiplier: energy/op (size-based and gate-level activity) of the run-time scalable unit,
// and area and energy/op of the unit built for one quality (quality_i tied at synthesis), fall as
// quality falls: strictly from quality 4 (every row of an 8-bit weight) down to 1.
TEST(UnitCosts, CsdAreaAndEnergyAreMonotoneInQuality) {
  const UnitCosts costs(Tech45nm(), BuiltUnits());
  const report::Table table = driver::CsdQualityTable(costs);
  ASSERT_EQ(table.rows.size(), 8u);
  for (const char* column : {"E/op size (pJ)", "E/op activity (pJ)", "built for q: area (µm²)",
                             "built for q: E/op size (pJ)"}) {
    const size_t c = Column(table, column);
    for (size_t q = 1; q < table.rows.size(); ++q) {
      const double lower = std::stod(table.rows[q - 1][c]);
      const double higher = std::stod(table.rows[q][c]);
      if (q < 4) {
        EXPECT_LT(lower, higher) << column << " quality " << q << " vs " << q + 1;
      } else {
        EXPECT_LE(lower, higher) << column << " quality " << q << " vs " << q + 1;
      }
    }
    std::cout << column << ": q1 " << table.rows[0][c] << " .. q8 " << table.rows[7][c] << "\n";
  }
  // The run-time unit: one synthesized circuit serves every quality (quality is a port).
  const UnitCost unit = costs.Get("mul_csd", {{"WeightWidth", 8}, {"ActWidth", 8}});
  EXPECT_FALSE(unit.estimated);
  EXPECT_NE(table.notes[0].find(fmt::format("{:.1f} µm²", unit.area.um2)), std::string::npos);
}

}  // namespace
}  // namespace qscale::cost
