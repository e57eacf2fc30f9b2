// `qscale tables` end to end: one worker run per scheme, the energy-per-inference table and the
// DRAM energy of the weights following the bits they are stored with (issue 6).
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "src/config/tech_spec.h"
#include "tests/e2e/run_helpers.h"

namespace qscale::e2e {
namespace {

// LeNet-5 on the default array, one batch of kImages images (fixed is left out: its search takes
// minutes; docs/energy.md runs all six).
constexpr int kImages = 64;

TEST(EnergyTables, DramEnergyOfTheWeightsFollowsTheirStoredBits) {
  const std::string out = ScratchDir() + "/tables";
  const CommandResult r = RunQscale("tables configs/default.yaml --schemes float,int8,qsq,nuuq,msq "
                                    "--images " + std::to_string(kImages) +
                                    " --format csv --quiet --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = ReadFile(out + "/energy_per_inference.csv");
  for (const char* scheme : {"float", "int8", "qsq", "nuuq", "msq"}) {
    EXPECT_NE(csv.find(std::string("\n") + scheme + ","), std::string::npos) << csv;
  }
  double pj_per_bit = 0, int8_pj = 0;
  for (const char* scheme : {"float", "int8", "qsq", "nuuq", "msq"}) {
    const auto j = nlohmann::json::parse(ReadFile(out + "/runs/" + scheme + ".json"));
    const double weight_bits = scheme == std::string("float")
                                   ? j["memory"]["float_bits"].get<double>()
                                   : j["memory"]["weight_bits"].get<double>();
    const double dram_w = j["energy"]["dram_weights_pj"].get<double>();
    const double dram = j["energy_pj"]["dram"].get<double>();
    EXPECT_GT(dram_w, 0) << scheme;
    EXPECT_LE(dram_w, dram) << scheme;
    // One batch: the weights cross DRAM once, at their stored width (each layer's weights
    // rounded up to whole DRAM words: a few bits in 10^5).
    const double per_bit = dram_w / weight_bits;
    if (pj_per_bit == 0) pj_per_bit = per_bit;
    EXPECT_NEAR(per_bit, pj_per_bit, 1e-3 * pj_per_bit) << scheme;
    if (scheme == std::string("int8")) int8_pj = dram_w;
    if (int8_pj > 0 && scheme != std::string("int8")) {
      EXPECT_LT(dram_w, int8_pj) << scheme << " stores fewer bits than int8";
    }
    double sum = 0;
    for (const auto& [name, pj] : j["energy_pj"].items()) {
      if (name != "total") sum += pj.get<double>();
    }
    EXPECT_NEAR(sum, j["energy_pj"]["total"].get<double>(), 1e-6 * sum) << scheme;
    std::cout << scheme << ": " << weight_bits << " weight bits, DRAM weights "
              << dram_w / kImages / 1e3 << " nJ/image, total "
              << j["energy"]["per_image_pj"].get<double>() / 1e3 << " nJ/image\n";
  }
  // The DRAM energy per bit of the technology table the runs used (45nm.yaml: 1.95 nJ per
  // 64-bit access).
  const auto int8 = nlohmann::json::parse(ReadFile(out + "/runs/int8.json"));
  ASSERT_TRUE(int8["energy"]["tech"].is_string()) << int8["energy"];
  const config::TechSpec tech = config::LoadTechSpec(int8["energy"]["tech"].get<std::string>());
  EXPECT_NEAR(pj_per_bit, tech.dram_pj_per_bit.value, 1e-3 * pj_per_bit);
}

}  // namespace
}  // namespace qscale::e2e
