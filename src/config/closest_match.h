// "Did you mean ...?" suggestions for misspelt names.
#ifndef QSCALE_SRC_CONFIG_CLOSEST_MATCH_H_
#define QSCALE_SRC_CONFIG_CLOSEST_MATCH_H_

#include <string>
#include <string_view>
#include <vector>

namespace qscale::config {

// Edit distance between `a` and `b` counting insertions, deletions, substitutions and swaps of
// two adjacent characters as one edit each (optimal string alignment). Case-sensitive.
int EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` by EditDistance, if it is close enough to be a likely typo:
// at most max(1, word.size() / 3) edits. Ties go to the earlier candidate. Returns "" when no
// candidate is close (or `word` is itself a candidate).
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_CLOSEST_MATCH_H_
