// Typo suggestions: which candidate is "close enough" to name.
#include "src/config/closest_match.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace qscale::config {
namespace {

TEST(ConfigClosestMatch, EditDistanceCountsASwapOfNeighboursAsOneEdit) {
  EXPECT_EQ(EditDistance("rows", "rows"), 0);
  EXPECT_EQ(EditDistance("rowz", "rows"), 1);
  EXPECT_EQ(EditDistance("rwos", "rows"), 1);
  EXPECT_EQ(EditDistance("sp2ratio", "sp2_ratio"), 1);
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
}

TEST(ConfigClosestMatch, SuggestsTheNearestCandidateOnlyWhenItIsALikelyTypo) {
  const std::vector<std::string> keys = {"rows", "cols", "dataflow", "multiplier", "clock_mhz"};
  EXPECT_EQ(ClosestMatch("rowz", keys), "rows");
  EXPECT_EQ(ClosestMatch("dataflw", keys), "dataflow");
  EXPECT_EQ(ClosestMatch("multiplyer", keys), "multiplier");
  EXPECT_EQ(ClosestMatch("fidelity", keys), "");
  EXPECT_EQ(ClosestMatch("rows", keys), "");
}

}  // namespace
}  // namespace qscale::config
