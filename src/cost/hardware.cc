#include "src/cost/hardware.h"

namespace qscale::cost {
namespace {

int ProductBits(const Hardware& hw) { return hw.shape.weight_bits + hw.shape.act_bits; }

}  // namespace

UnitRef MultiplierUnit(const Hardware& hw) {
  const golden::ArrayShape& s = hw.shape;
  const UnitParams widths = {{"WeightWidth", s.weight_bits}, {"ActWidth", s.act_bits}};
  switch (s.kind) {
    case golden::MulKind::kCsd:
      return {"mul_csd", widths};
    case golden::MulKind::kBitSerial:
      return {"mul_bitserial", widths};
    case golden::MulKind::kSp2:
      return {"mul_sp2", {{"ActWidth", s.act_bits}, {"CodeBits", s.sp2_code_bits}}};
    case golden::MulKind::kExact:
      break;
  }
  return {"mul_exact", widths};
}

std::optional<golden::MulKind> MultiplierKindOfModule(const std::string& module) {
  if (module == "mul_exact") return golden::MulKind::kExact;
  if (module == "mul_csd") return golden::MulKind::kCsd;
  if (module == "mul_sp2") return golden::MulKind::kSp2;
  if (module == "mul_bitserial") return golden::MulKind::kBitSerial;
  return std::nullopt;
}

UnitRef Sp2MultiplierUnit(const Hardware& hw) {
  if (hw.shape.sp2_cols == 0) return {};
  return {"mul_sp2", {{"ActWidth", hw.shape.act_bits}, {"CodeBits", hw.shape.sp2_code_bits}}};
}

UnitRef DecoderUnit(const Hardware& hw) {
  switch (hw.decoder) {
    case DecoderKind::kQsq:
      return {"qsq_decoder", {{"ParamBits", hw.qsq_param_bits}}};
    case DecoderKind::kNuuq:
      return {"nuuq_decoder", {{"IndexBits", hw.nuuq_index_bits}, {"GridBits", hw.nuuq_grid_bits}}};
    case DecoderKind::kSp2:
    case DecoderKind::kNone:
      break;
  }
  return {};
}

UnitRef Sp2DecoderUnit(const Hardware& hw) {
  if (hw.shape.sp2_cols == 0) return {};
  return {"sp2_decoder", {{"CodeBits", hw.shape.sp2_code_bits}}};
}

UnitRef AccumulatorUnit(const Hardware& hw) {
  return {"acc_sat", {{"InWidth", ProductBits(hw)}, {"AccWidth", hw.shape.acc_bits}}};
}

UnitRef PeUnit(const Hardware& hw, bool sp2_column) {
  const golden::ArrayShape& s = hw.shape;
  const golden::MulKind kind = sp2_column ? golden::MulKind::kSp2 : s.kind;
  UnitParams p = {{"MulKind", static_cast<int>(kind)},
                  {"ActWidth", s.act_bits},
                  {"AccWidth", s.acc_bits}};
  if (kind == golden::MulKind::kSp2) {
    p["Sp2CodeBits"] = s.sp2_code_bits;
    p["WordWidth"] = golden::Sp2TermsWordBits(s.sp2_code_bits);  // the terms word it holds
  } else {
    p["WeightWidth"] = s.weight_bits;
  }
  return {"pe", p};
}

}  // namespace qscale::cost
