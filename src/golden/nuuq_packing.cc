#include "src/golden/nuuq_packing.h"

#include <cstddef>
#include <stdexcept>
#include <string>

#include "src/golden/nuuq_decoder.h"
#include "src/golden/param_check.h"

namespace qscale::golden {
namespace {

constexpr int kMaxGroupBits = 64;

bool IsPowerOfTwo(int n) { return (n & (n - 1)) == 0; }

// levels^count when it is below 2^64, else 0.
uint64_t PowerBelow2To64(int levels, int count) {
  uint64_t power = 1;
  for (int k = 0; k < count; ++k) {
    if (power > UINT64_MAX / static_cast<uint64_t>(levels)) return 0;
    power *= static_cast<uint64_t>(levels);
  }
  return power;
}

// Appends the low `bits` bits of `value` to the stream, LSB first.
void AppendBits(std::vector<uint8_t>& bytes, int64_t& position, uint64_t value, int bits) {
  for (int b = 0; b < bits; ++b, ++position) {
    if (position % 8 == 0) bytes.push_back(0);
    if ((value >> b) & 1u)
      bytes.back() = static_cast<uint8_t>(bytes.back() | (1u << (position % 8)));
  }
}

uint64_t ReadBits(const std::vector<uint8_t>& bytes, int64_t& position, int bits) {
  uint64_t value = 0;
  for (int b = 0; b < bits; ++b, ++position) {
    const uint64_t bit = (bytes[static_cast<size_t>(position / 8)] >> (position % 8)) & 1u;
    value |= bit << b;
  }
  return value;
}

// The groups a stream of `count` indices is cut into: sizes of a full group and of the tail.
struct GroupPlan {
  int size = 1;
  int bits = 1;
  int64_t full_groups = 0;
  int tail = 0;
  int tail_bits = 0;
};

GroupPlan PlanGroups(int64_t count, int levels, NuuqPacking packing) {
  GroupPlan plan;
  if (packing == NuuqPacking::kAligned) {
    plan.bits = NuuqIndexBits(levels);
  } else {
    const DenseGroup group = NuuqDenseGroup(levels);
    plan.size = group.indices;
    plan.bits = group.bits;
  }
  plan.full_groups = count / plan.size;
  plan.tail = static_cast<int>(count % plan.size);
  plan.tail_bits = plan.tail == 0 ? 0 : GroupBits(levels, plan.tail);
  return plan;
}

// ceil(count * log2 levels) when that is <= 64, else some value > 64. levels: 2..256, count >= 1.
int UncheckedGroupBits(int levels, int count) {
  if (IsPowerOfTwo(levels)) return count * NuuqIndexBits(levels);
  // levels is not a power of two, so levels^count != 2^64: the group fits in 64 bits iff
  // levels^count < 2^64, and then needs the bit length of levels^count - 1.
  const uint64_t power = PowerBelow2To64(levels, count);
  if (power == 0) return kMaxGroupBits + 1;
  int bits = 0;
  for (uint64_t rest = power - 1; rest != 0; rest >>= 1) ++bits;
  return bits;
}

}  // namespace

int GroupBits(int levels, int count) {
  RequireInRange("NUUQ packing", "levels", levels, kNuuqMinLevels, kNuuqMaxLevels);
  RequireInRange("NUUQ packing", "group size", count, 1, kMaxGroupBits);
  const int bits = UncheckedGroupBits(levels, count);
  if (bits > kMaxGroupBits) {
    throw std::invalid_argument("NUUQ packing: a group of " + std::to_string(count) +
                                " indices of " + std::to_string(levels) +
                                " levels needs more than 64 bits");
  }
  return bits;
}

DenseGroup NuuqDenseGroup(int levels) {
  RequireInRange("NUUQ packing", "levels", levels, kNuuqMinLevels, kNuuqMaxLevels);
  DenseGroup best{1, UncheckedGroupBits(levels, 1)};
  for (int g = 2; g <= kMaxGroupBits; ++g) {
    const int bits = UncheckedGroupBits(levels, g);
    if (bits > kMaxGroupBits) break;
    // bits / g < best.bits / best.indices, in integers; strict, so ties keep the smaller g.
    if (bits * best.indices < best.bits * g) best = {g, bits};
  }
  return best;
}

int64_t PackedBits(int64_t count, int levels, NuuqPacking packing) {
  RequireInRange("PackedBits", "count", count, 0, INT64_MAX / 64);
  const GroupPlan plan = PlanGroups(count, levels, packing);
  return plan.full_groups * plan.bits + plan.tail_bits;
}

uint64_t PackGroup(const std::vector<int>& group, int levels) {
  GroupBits(levels, static_cast<int>(group.size()));  // Validates the size.
  uint64_t value = 0;
  for (size_t k = group.size(); k-- > 0;) {
    RequireInRange("PackGroup", "index", group[k], 0, levels - 1);
    value = value * static_cast<uint64_t>(levels) + static_cast<uint64_t>(group[k]);
  }
  return value;
}

std::vector<int> UnpackGroup(uint64_t value, int count, int levels) {
  const int bits = GroupBits(levels, count);
  if (bits < kMaxGroupBits) value &= (uint64_t{1} << bits) - 1;
  std::vector<int> group(static_cast<size_t>(count));
  for (int& index : group) {
    index = static_cast<int>(value % static_cast<uint64_t>(levels));
    value /= static_cast<uint64_t>(levels);
  }
  return group;
}

std::vector<uint8_t> PackIndices(const std::vector<int>& indices, int levels, NuuqPacking packing) {
  const int64_t count = static_cast<int64_t>(indices.size());
  const GroupPlan plan = PlanGroups(count, levels, packing);
  std::vector<uint8_t> bytes;
  bytes.reserve(static_cast<size_t>((PackedBits(count, levels, packing) + 7) / 8));
  int64_t position = 0;
  for (int64_t start = 0; start < count; start += plan.size) {
    const int64_t end = start + plan.size < count ? start + plan.size : count;
    const std::vector<int> group(indices.begin() + start, indices.begin() + end);
    const int bits = end - start == plan.size ? plan.bits : plan.tail_bits;
    AppendBits(bytes, position, PackGroup(group, levels), bits);
  }
  return bytes;
}

std::vector<int> UnpackIndices(const std::vector<uint8_t>& bytes, int64_t count, int levels,
                               NuuqPacking packing) {
  const int64_t needed = PackedBits(count, levels, packing);
  if (static_cast<int64_t>(bytes.size()) * 8 < needed) {
    throw std::invalid_argument("UnpackIndices: " + std::to_string(count) + " indices of " +
                                std::to_string(levels) + " levels need " + std::to_string(needed) +
                                " bits, the stream has " + std::to_string(bytes.size() * 8));
  }
  const GroupPlan plan = PlanGroups(count, levels, packing);
  std::vector<int> indices;
  indices.reserve(static_cast<size_t>(count));
  int64_t position = 0;
  for (int64_t start = 0; start < count; start += plan.size) {
    const int size = static_cast<int>(start + plan.size < count ? plan.size : count - start);
    const int bits = size == plan.size ? plan.bits : plan.tail_bits;
    for (int index : UnpackGroup(ReadBits(bytes, position, bits), size, levels)) {
      indices.push_back(index);
    }
  }
  return indices;
}

}  // namespace qscale::golden
