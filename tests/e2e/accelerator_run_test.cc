// `qscale run` on the simulated accelerator: the default job (qsq LeNet-5, 16x16 ws, fast) on all
// 10,000 test images with the golden engine's accuracy, rtl agreeing with fast, topologies.
#include <string>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_helpers.h"

namespace qscale::e2e {
namespace {

nlohmann::json RunReport(const std::string& arguments, const std::string& name) {
  const std::string json = ScratchDir() + "/" + name + ".json";
  const CommandResult run = RunQscale("run " + arguments + " --quiet --json " + json);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return nlohmann::json::parse(ReadFile(json));
}

TEST(AcceleratorRun, DefaultJobRunsEveryTestImageWithTheGoldenEnginesAccuracy) {
  const nlohmann::json fast = RunReport("configs/default.yaml", "fast");
  EXPECT_EQ(fast["fidelity"], "fast");
  EXPECT_EQ(fast["accuracy"]["images"], 10000);
  const nlohmann::json golden = RunReport("configs/default.yaml --set sim.fidelity=golden", "golden");
  EXPECT_EQ(fast["accuracy"]["top1"], golden["accuracy"]["top1"]);
  const int64_t cycles = fast["cycles"]["total"].get<int64_t>();
  int64_t macs_per_image = 0;
  for (const auto& layer : fast["layers"]) macs_per_image += layer["macs"].get<int64_t>();
  ASSERT_GT(macs_per_image, 0);
  EXPECT_GT(cycles, int64_t{10000} * macs_per_image / 256);  // at least the MACs on 256 PEs
  EXPECT_EQ(cycles, fast["cycles"]["compute"].get<int64_t>() +
                        fast["cycles"]["fill_drain"].get<int64_t>() +
                        fast["cycles"]["weight_load"].get<int64_t>() +
                        fast["cycles"]["stall"].get<int64_t>());
  EXPECT_GT(fast["traffic"]["dram_bits"]["weights"].get<int64_t>(), 0);
  int64_t layer_cycles = 0;
  for (const auto& layer : fast["layers"]) {
    if (layer.contains("cycles")) layer_cycles += layer["cycles"].get<int64_t>();
  }
  EXPECT_EQ(layer_cycles, cycles);
}

TEST(AcceleratorRun, RtlGivesTheAccuracyAndCyclesOfFast) {
  // int8 on the exact array; msq on the SP2 + exact one; qsq and nuuq with the default csd
  // multiplier (quality 3) and their codes, parameters and tables through the decoder bank.
  for (const char* scheme : {"int8", "msq", "qsq", "nuuq"}) {
    const bool exact = std::string(scheme) == "int8";
    const std::string base = std::string("configs/default.yaml --images 8 --set sim.batch=4 ") +
                             (exact ? "--set accelerator.multiplier=exact " : "") +
                             "--set quant.scheme=" + scheme;
    const nlohmann::json fast = RunReport(base, std::string("fast_") + scheme);
    const nlohmann::json rtl = RunReport(base + " --set sim.fidelity=rtl", std::string("rtl_") + scheme);
    EXPECT_EQ(rtl["accuracy"]["logits_digest"], fast["accuracy"]["logits_digest"]) << scheme;
    EXPECT_FALSE(rtl["accuracy"]["logits_digest"].is_null()) << scheme;
    EXPECT_EQ(rtl["accuracy"]["top1"], fast["accuracy"]["top1"]) << scheme;
    EXPECT_EQ(rtl["cycles"], fast["cycles"]) << scheme;
    EXPECT_EQ(rtl["traffic"], fast["traffic"]) << scheme;
  }
}

TEST(AcceleratorRun, TopologyReportsCyclesAndNoAccuracy) {
  const nlohmann::json r = RunReport(
      "configs/default.yaml --set network=tests/data/topology/tiny.csv --set quant.scheme=int8",
      "topology");
  EXPECT_TRUE(r["accuracy"]["top1"].is_null());
  EXPECT_EQ(r["layers"].size(), 3u);
  EXPECT_EQ(r["layers"][1]["macs"], 4 * 4 * 33 * 20 * 9);  // (10 - 3) / 2 + 1 = 4
  EXPECT_GT(r["cycles"]["total"].get<int64_t>(), 0);
  // golden on a topology: the integer engine alone, its speed and no accelerator figures.
  const nlohmann::json golden = RunReport(
      "configs/default.yaml --set network=tests/data/topology/tiny.csv --set quant.scheme=int8 "
      "--set sim.fidelity=golden",
      "topology_golden");
  EXPECT_TRUE(golden["accuracy"]["top1"].is_null());
  EXPECT_FALSE(golden.contains("cycles"));
  ASSERT_EQ(golden["layers"].size(), 3u);
  EXPECT_EQ(golden["layers"][1]["macs"], r["layers"][1]["macs"]);
  EXPECT_GT(golden["host"]["simulated_macs_per_s"].get<double>(), 0.0);
}

TEST(AcceleratorRun, TopologyRefusesSchemesThatNeedAccuracyOrFloat) {
  for (const char* scheme : {"fixed", "float"}) {
    const CommandResult run = RunQscale(
        std::string("run configs/default.yaml --quiet --set network=tests/data/topology/tiny.csv "
                    "--set quant.scheme=") + scheme);
    EXPECT_EQ(run.exit_code, 1) << scheme;
    EXPECT_NE(run.err.find("quant.scheme: "), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("choose int8, qsq, nuuq or msq"), std::string::npos) << run.err;
  }
}


TEST(AcceleratorRun, TraceWritesAVcdOfTheVerilatedArrayOverTheWindow) {
  const std::string vcd = ScratchDir() + "/array.vcd";
  const CommandResult run = RunQscale(
      "run configs/default.yaml --quiet --images 2 --set accelerator.multiplier=exact "
      "--set sim.fidelity=rtl --trace " + vcd + " --trace-cycles 150:400");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string text = ReadFile(vcd);
  EXPECT_NE(text.find("$enddefinitions $end"), std::string::npos);
  EXPECT_NE(text.find(" psum_o_15 $end"), std::string::npos);
  // Every time stamp lies in the window (the end mark one past it); the array is busy in it.
  int stamps = 0;
  for (size_t at = text.find("\n#"); at != std::string::npos; at = text.find("\n#", at + 1)) {
    const long cycle = std::stol(text.substr(at + 2));
    EXPECT_GE(cycle, 150);
    EXPECT_LE(cycle, 401);
    ++stamps;
  }
  EXPECT_GT(stamps, 100);
  const CommandResult fast = RunQscale("run configs/default.yaml --quiet --images 2 --trace " + vcd);
  EXPECT_EQ(fast.exit_code, 1);
  EXPECT_NE(fast.err.find("runs only with sim.fidelity rtl"), std::string::npos) << fast.err;
}

}  // namespace
}  // namespace qscale::e2e
