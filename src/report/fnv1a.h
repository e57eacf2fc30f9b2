// FNV-1a, 64-bit (http://www.isthe.com/chongo/tech/comp/fnv/): the one stable, non-cryptographic
// hash of the project, behind report digests (logits_digest) and sweep point ids / fingerprints.
#ifndef QSCALE_SRC_REPORT_FNV1A_H_
#define QSCALE_SRC_REPORT_FNV1A_H_

#include <cstdint>
#include <string_view>

namespace qscale::report {

inline constexpr uint64_t kFnv1aOffsetBasis = 14695981039346656037ull;  // FNV-1a's start value
inline constexpr uint64_t kFnv1aPrime = 1099511628211ull;

// FNV-1a of `bytes`, continuing from `hash`: Fnv1a(b, Fnv1a(a)) == Fnv1a(a + b), so a long input
// may be hashed piece by piece. Fnv1a("") == kFnv1aOffsetBasis; Fnv1a("a") == 0xaf63dc4c8601ec8c.
constexpr uint64_t Fnv1a(std::string_view bytes, uint64_t hash = kFnv1aOffsetBasis) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnv1aPrime;
  }
  return hash;
}

}  // namespace qscale::report

#endif  // QSCALE_SRC_REPORT_FNV1A_H_
