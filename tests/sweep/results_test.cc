// The Pareto front of sweep results.
#include "src/sweep/results.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace qscale::sweep {
namespace {

nlohmann::ordered_json Report(double top1, double cycles_total) {
  return {{"accuracy", {{"top1", top1}, {"images", 10}}}, {"cycles", {{"total", cycles_total}}}};
}

TEST(SweepResults, ParetoFrontKeepsThePointsNothingBeats) {
  Point p[5];
  std::vector<PointOutcome> outcomes;
  const std::pair<double, double> figures[5] = {
      {0.90, 1000}, {0.91, 2000}, {0.89, 1500}, {0.91, 1800}, {0.95, 500}};
  for (int i = 0; i < 5; ++i) {
    p[i].index = i;
    outcomes.push_back({&p[i], true, Report(figures[i].first, figures[i].second), ""});
  }
  // 4 beats everything: higher top-1 and fewer cycles.
  EXPECT_EQ(ParetoFront(outcomes), (std::vector<size_t>{4}));
  outcomes.pop_back();
  // Without it: 0 (cheapest) and 3 (best top-1 at fewer cycles than 1); 2 is beaten by 0.
  EXPECT_EQ(ParetoFront(outcomes), (std::vector<size_t>{0, 3}));
  outcomes[0].ok = false;  // failed points take no part
  EXPECT_EQ(ParetoFront(outcomes), (std::vector<size_t>{2, 3}));
}

// The figure `name` of `figures`, or nullptr when there is no such column.
const std::optional<double>* Find(
    const std::vector<std::pair<std::string, std::optional<double>>>& figures,
    const std::string& name) {
  for (const auto& [column, value] : figures) {
    if (column == name) return &value;
  }
  return nullptr;
}

TEST(SweepResults, FiguresArePerImageAndEmptyWhereTheReportHasNone) {
  const auto figures = Figures(Report(0.5, 100));
  const std::optional<double>* cycles = Find(figures, "cycles_per_image");
  ASSERT_NE(cycles, nullptr);
  ASSERT_TRUE(cycles->has_value());
  EXPECT_EQ(**cycles, 10);  // 100 cycles over 10 images
  const std::optional<double>* top1 = Find(figures, "top1");
  ASSERT_NE(top1, nullptr);
  ASSERT_TRUE(top1->has_value());
  EXPECT_EQ(**top1, 0.5);
  for (const char* absent : {"energy_pj_per_image", "area_um2"}) {
    const std::optional<double>* value = Find(figures, absent);
    ASSERT_NE(value, nullptr) << absent;
    EXPECT_FALSE(value->has_value()) << absent;
  }
}

}  // namespace
}  // namespace qscale::sweep
