// Settings that contradict each other, or exceed what qscale models only in combination, fail
// with the YAML line (or --set) of the key to change.
#include "src/config/consistency.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/config/run_config.h"
#include "tests/config/error_of.h"

namespace qscale::config {
namespace {

std::string ErrorParsing(const std::string& yaml, const std::vector<std::string>& sets = {}) {
  return ErrorOf([&] { ParseRunConfigString(yaml, "configs/a.yaml", sets); });
}

TEST(Consistency, Sp2ColumnsRoundHalvesAwayFromZero) {
  EXPECT_EQ(Sp2Columns(0.5, 16), 8);
  EXPECT_EQ(Sp2Columns(0.5, 1), 1);
  EXPECT_EQ(Sp2Columns(0.02, 16), 0);
  EXPECT_EQ(Sp2Columns(0.03125, 16), 1);
  EXPECT_EQ(Sp2Columns(1, 7), 7);
}

TEST(Consistency, Sp2RatioWithNoSp2ColumnNamesTheRatiosLine) {
  EXPECT_EQ(ErrorParsing("quant:\n"
                         "  scheme: msq\n"
                         "  msq:\n"
                         "    sp2_ratio: 0.02\n"
                         "accelerator: {cols: 16}\n"),
            "configs/a.yaml:4: quant.msq.sp2_ratio must give at least one SP2 column: "
            "round(quant.msq.sp2_ratio 0.02 x accelerator.cols 16) = 0 (set sp2_ratio to 0 or to "
            "at least 0.0313, or add columns)");
}

// The ratio a message suggests ("to at least 0.0313"), read back from it.
std::string SuggestedRatio(const std::string& message, const std::string& after) {
  const size_t at = message.find(after);
  if (at == std::string::npos) return "(none in: " + message + ")";
  const size_t begin = at + after.size();
  return message.substr(begin, message.find(',', begin) - begin);
}

TEST(Consistency, SuggestedSp2RatiosAreOnTheSafeSideOfTheRounding) {
  for (int cols = 2; cols <= 64; ++cols) {
    const std::string yaml =
        "quant: {scheme: msq}\naccelerator: {cols: " + std::to_string(cols) + "}\n";
    const std::string low =
        SuggestedRatio(ErrorParsing(yaml, {"quant.msq.sp2_ratio=1e-9"}), "to at least ");
    EXPECT_EQ(ErrorParsing(yaml, {"quant.msq.sp2_ratio=" + low}), "(no error)") << cols;
    const std::string high =
        SuggestedRatio(ErrorParsing(yaml, {"quant.msq.sp2_ratio=0.999999"}), "to at most ");
    EXPECT_EQ(ErrorParsing(yaml, {"quant.msq.sp2_ratio=" + high}), "(no error)") << cols;
  }
  EXPECT_EQ(ErrorParsing("quant: {scheme: msq, msq: {sp2_ratio: 0.3}}\naccelerator: {cols: 1}\n"),
            "configs/a.yaml:1: quant.msq.sp2_ratio must give at least one SP2 column: "
            "round(quant.msq.sp2_ratio 0.3 x accelerator.cols 1) = 0 (with one column, set "
            "sp2_ratio to 0 or 1, or add columns)");
}

TEST(Consistency, Sp2RatioThatTakesEveryColumnLeavesFixedRowsNowhere) {
  EXPECT_EQ(ErrorParsing("quant: {scheme: msq, msq: {sp2_ratio: 0.9}}\naccelerator: {cols: 4}\n"),
            "configs/a.yaml:1: quant.msq.sp2_ratio must leave at least one fixed-point column: "
            "round(quant.msq.sp2_ratio 0.9 x accelerator.cols 4) = 4, every column (set "
            "sp2_ratio to 1 or to at most 0.8749, or add columns)");
  // Ratios 0 and 1 ask for one kind of column only: no contradiction.
  EXPECT_EQ(ErrorParsing("quant: {scheme: msq, msq: {sp2_ratio: 1}}\naccelerator: {cols: 1}\n"),
            "(no error)");
  EXPECT_EQ(ErrorParsing("quant: {scheme: msq, msq: {sp2_ratio: 0}}\naccelerator: {cols: 1}\n"),
            "(no error)");
}

TEST(Consistency, Sp2RatioIsOnlyCheckedForTheMsqScheme) {
  EXPECT_EQ(ErrorParsing("quant: {scheme: qsq, msq: {sp2_ratio: 0.02}}\n"), "(no error)");
}

TEST(Consistency, Sp2RatioOverrideIsNamedAsTheOverride) {
  EXPECT_EQ(ErrorParsing("quant: {scheme: msq}\n", {"quant.msq.sp2_ratio=0.01"}),
            "--set quant.msq.sp2_ratio=0.01: must give at least one SP2 column: "
            "round(quant.msq.sp2_ratio 0.01 x accelerator.cols 16) = 0 (set sp2_ratio to 0 or "
            "to at least 0.0313, or add columns)");
}

TEST(Consistency, Sp2MultiplierNeedsTheMsqScheme) {
  EXPECT_EQ(ErrorParsing("quant:\n  scheme: qsq\naccelerator:\n  multiplier: sp2\n"),
            "configs/a.yaml:4: accelerator.multiplier: sp2 multiplies SP2 codes, which only "
            "quant.scheme msq produces (quant.scheme is qsq, configs/a.yaml:2); choose exact, csd "
            "or bitserial, or set quant.scheme to msq");
  EXPECT_EQ(ErrorParsing("accelerator: {multiplier: sp2}\n"),
            "configs/a.yaml:1: accelerator.multiplier: sp2 multiplies SP2 codes, which only "
            "quant.scheme msq produces (quant.scheme is qsq, the default); choose exact, csd or "
            "bitserial, or set quant.scheme to msq");
  EXPECT_EQ(ErrorParsing("quant: {scheme: msq}\naccelerator: {multiplier: sp2}\n"), "(no error)");
}

TEST(Consistency, ArrayLargerThanWhatIsModelledNamesTheLimitAndWhy) {
  EXPECT_EQ(ErrorParsing("accelerator:\n  rows: 1024\n  cols: 1024\n"),
            "configs/a.yaml:3: accelerator.cols: a 1024 x 1024 array has 1048576 PEs, more than "
            "the 65536 qscale models (a TPU-v1-sized 256 x 256 array; every PE is simulated); "
            "lower accelerator.rows or accelerator.cols");
  EXPECT_EQ(ErrorParsing("accelerator: {rows: 1024, cols: 64}\n"), "(no error)");
}

}  // namespace
}  // namespace qscale::config
