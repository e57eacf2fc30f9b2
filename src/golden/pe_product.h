// The product a PE computes for one weight of a qnn::Layer and one activation, through the golden
// unit models, and the "effective weight" that lets the engine replace every unit by an exact
// integer GEMM: each multiplier of DESIGN.md section 1 computes w_eff * act exactly, where w_eff
// depends only on the weight (and the CSD quality), never on the activation:
//   exact, bitserial:  w_eff = w                            (MulExact, MulBitSerial)
//   csd at quality q:  w_eff = CsdApproximateWeight(w, q)   (MulCsd keeps q CSD digits of w)
//   SP2 rows:          w_eff = Sp2Weight(code) = w          (MulSp2: two shifts, one add)
// tests/golden/pe_product_test.cc checks UnitProduct == EffectiveWeight * act on every weight of
// the real networks.
#ifndef QSCALE_SRC_GOLDEN_PE_PRODUCT_H_
#define QSCALE_SRC_GOLDEN_PE_PRODUCT_H_

#include <cstdint>

#include "src/golden/array_config.h"
#include "src/qnn/network.h"

namespace qscale::golden {

// Everything of the accelerator that changes integer results.
struct Datapath {
  // The multiplier of RowKind::kMultiplier rows: kExact, kCsd or kBitSerial (SP2 rows always use
  // the SP2 shift-add multiplier; kSp2 here is std::invalid_argument).
  MulKind multiplier = MulKind::kExact;
  int csd_quality = 8;        // kept non-zero CSD digits, 1..8 (only for kCsd)
  int accumulator_bits = 32;  // saturating accumulator width, 8..62
};

// Width of the weight port a layer's row drives on the multiplier: the row's decoded width,
// widened to the CSD multiplier's minimum (2). Throws std::invalid_argument if a row of
// RowKind::kMultiplier is wider than the multiplier accepts (16 bits).
int MultiplierWeightBits(const qnn::Layer& layer, int row);

// w_eff of weight (row, k) on `datapath` (see the file comment). Signed; |w_eff| <= 2^16.
int32_t EffectiveWeight(const qnn::Layer& layer, int row, int k, const Datapath& datapath);

// The product of weight (row, k) and activation `act` (signed, act_bits 2..16 wide) as the PE
// computes it, by calling the golden unit model of the row's multiplier (MulExact, MulCsd,
// MulBitSerial, or MulSp2 on the stored SP2 code). Exact in int64.
int64_t UnitProduct(const qnn::Layer& layer, int row, int k, int32_t act, int act_bits,
                    const Datapath& datapath);

}  // namespace qscale::golden

#endif  // QSCALE_SRC_GOLDEN_PE_PRODUCT_H_
