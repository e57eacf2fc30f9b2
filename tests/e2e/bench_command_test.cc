// `qscale bench`: each accelerator sample simulates exactly the work `qscale run` does on the same
// images (same cycles), the pairs alternate their order, and what it cannot time is refused.
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/run_helpers.h"

namespace qscale::e2e {
namespace {

constexpr char kInt8[] =
    " --set quant.scheme=int8 --set accelerator.multiplier=exact --set quant.rounding=nearest";

nlohmann::json Json(const std::string& command, const std::string& name) {
  const std::string json = ScratchDir() + "/" + name + ".json";
  const CommandResult run = RunQscale(command + " --quiet --json " + json);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return nlohmann::json::parse(ReadFile(json));
}

int64_t NetworkMacs(const nlohmann::json& report) {
  int64_t macs = 0;
  for (const auto& layer : report["layers"]) macs += layer["macs"].get<int64_t>();
  return macs;
}

// The pairs of `bench` against the run report `run` of the same workload and images.
void ExpectPairsOfTheRun(const nlohmann::json& bench, const nlohmann::json& run, int pairs) {
  EXPECT_EQ(bench["schema"], "qscale.bench_pairs/1");
  EXPECT_EQ(bench["macs_per_image"].get<int64_t>(), NetworkMacs(run));
  ASSERT_EQ(bench["pairs"].size(), static_cast<size_t>(pairs));
  for (int i = 0; i < pairs; ++i) {
    const auto& pair = bench["pairs"][i];
    EXPECT_EQ(pair["golden_first"], i % 2 == 0) << "pair " << i;
    EXPECT_EQ(pair["cycles"], run["cycles"]["total"]) << "pair " << i;
    EXPECT_GT(pair["golden_s"].get<double>(), 0.0) << "pair " << i;
    EXPECT_GT(pair["accelerator_s"].get<double>(), 0.0) << "pair " << i;
  }
}

TEST(BenchCommand, EachLenetSampleSimulatesTheCyclesOfARunOnTheSameImages) {
  const std::string config =
      std::string("configs/default.yaml --images 12 --set sim.batch=8") + kInt8;
  const nlohmann::json run = Json("run " + config, "run");
  const nlohmann::json bench = Json("bench " + config + " --golden-images 20 --pairs 3", "bench");
  EXPECT_EQ(bench["fidelity"], "fast");
  EXPECT_EQ(bench["rows"], 16);
  EXPECT_EQ(bench["images"], 12);
  EXPECT_EQ(bench["golden_images"], 20);
  ExpectPairsOfTheRun(bench, run, 3);
}

TEST(BenchCommand, EachTopologySampleSimulatesTheCyclesOfARun) {
  const std::string config = std::string(
                                 "configs/default.yaml --set network=tests/data/topology/"
                                 "tiny.csv --set accelerator.rows=8 --images 3") +
                             kInt8;
  const nlohmann::json run = Json("run " + config, "run");
  const nlohmann::json bench = Json("bench " + config + " --pairs 2", "bench");
  EXPECT_EQ(bench["rows"], 8);
  EXPECT_EQ(bench["images"], 3);
  EXPECT_EQ(bench["golden_images"], 3);
  ExpectPairsOfTheRun(bench, run, 2);
}

// The one-line message of a `qscale bench` that fails cleanly (RunFailing's checks).
std::string Refused(const std::string& config, const std::string& extra) {
  return RunFailing(config, extra, "bench").err;
}

TEST(BenchCommand, RefusesWhatItCannotTimeNamingThePlace) {
  EXPECT_EQ(Refused("configs/default.yaml", "--set sim.fidelity=golden"),
            "qscale: --set sim.fidelity=golden: sim.fidelity: qscale bench times an accelerator "
            "against the golden engine; set fast or rtl\n");
  EXPECT_NE(Refused("configs/default.yaml", "--set quant.scheme=float")
                .find("--set quant.scheme=float: quant.scheme: qscale bench times the integer "
                      "engines"),
            std::string::npos);
  EXPECT_NE(Refused("configs/default.yaml",
                    std::string("--set network=tests/data/topology/tiny.csv --images 3 "
                                "--golden-images 5") +
                        kInt8)
                .find("--golden-images 5: a topology runs one batch"),
            std::string::npos);
}

}  // namespace
}  // namespace qscale::e2e
