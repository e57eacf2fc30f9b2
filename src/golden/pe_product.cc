#include "src/golden/pe_product.h"

#include <algorithm>
#include <stdexcept>
#include <variant>

#include <fmt/format.h>

#include "src/golden/mul_bitserial.h"
#include "src/golden/mul_csd.h"
#include "src/golden/mul_exact.h"
#include "src/golden/mul_sp2.h"

namespace qscale::golden {

int MultiplierWeightBits(const qnn::Layer& layer, int row) {
  const int bits = std::max(layer.row_weight_bits[row], kCsdMinBits);
  if (layer.row_kind[row] == qnn::RowKind::kMultiplier && bits > kMulExactMaxBits) {
    throw std::invalid_argument(fmt::format(
        "row {} has {}-bit weights; the multipliers take at most {} bits", row, bits,
        kMulExactMaxBits));
  }
  return bits;
}

int32_t EffectiveWeight(const qnn::Layer& layer, int row, int k, const Datapath& datapath) {
  const int32_t w = layer.weights[static_cast<size_t>(row) * layer.k + k];
  if (layer.row_kind[row] == qnn::RowKind::kSp2 || datapath.multiplier != MulKind::kCsd) return w;
  return CsdApproximateWeight(w, datapath.csd_quality, MultiplierWeightBits(layer, row));
}

int64_t UnitProduct(const qnn::Layer& layer, int row, int k, int32_t act, int act_bits,
                    const Datapath& datapath) {
  const size_t at = static_cast<size_t>(row) * layer.k + k;
  if (layer.row_kind[row] == qnn::RowKind::kSp2) {
    const auto& msq = std::get<qnn::MsqCoding>(layer.code);
    return MulSp2(msq.codes[at], act, msq.row_bits[row], act_bits);
  }
  const int32_t w = layer.weights[at];
  const int bits = MultiplierWeightBits(layer, row);
  switch (datapath.multiplier) {
    case MulKind::kExact:
      return MulExact(w, act, bits, act_bits);
    case MulKind::kCsd:
      return MulCsd(w, act, datapath.csd_quality, bits, act_bits);
    case MulKind::kBitSerial:
      return MulBitSerial(w, act, bits, act_bits);
    case MulKind::kSp2:
      break;
  }
  throw std::invalid_argument("UnitProduct: the SP2 multiplier takes SP2 rows only");
}

}  // namespace qscale::golden
