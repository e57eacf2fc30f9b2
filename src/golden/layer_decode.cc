#include "src/golden/layer_decode.h"

#include <stdexcept>
#include <variant>

#include <fmt/format.h>

#include "src/golden/nuuq_decoder.h"
#include "src/golden/nuuq_packing.h"
#include "src/golden/qsq_decoder.h"
#include "src/golden/sp2_decoder.h"
#include "src/golden/wrap.h"

namespace qscale::golden {
namespace {

void RequireSize(size_t got, size_t want, const char* what) {
  if (got != want) {
    throw std::invalid_argument(
        fmt::format("DecodeLayerWeights: {} has {} entries, expected {}", what, got, want));
  }
}

std::vector<int32_t> DecodeInt(const qnn::Layer& layer, const qnn::IntCoding& code) {
  std::vector<int32_t> out(layer.weights.size());
  for (size_t i = 0; i < out.size(); ++i) out[i] = WrapSigned(layer.weights[i], code.bits);
  return out;
}

std::vector<int32_t> DecodeQsq(const qnn::Layer& layer, const qnn::QsqCoding& code) {
  const size_t count = static_cast<size_t>(layer.rows) * layer.k;
  RequireSize(code.codes.size(), count, "QSQ codes");
  if (code.mean) RequireSize(code.means.size(), code.scales.size(), "QSQ means");
  std::vector<int32_t> out(count);
  for (int r = 0; r < layer.rows; ++r) {
    for (int k = 0; k < layer.k; ++k) {
      const int v = QsqVectorOf(code, r, k, layer.k);
      if (v >= static_cast<int>(code.scales.size())) {
        throw std::invalid_argument("DecodeLayerWeights: QSQ vector index past the scales");
      }
      const size_t at = static_cast<size_t>(r) * layer.k + k;
      out[at] = QsqDecode(code.codes[at], code.scales[v], code.mean ? code.means[v] : 0,
                          code.param_bits);
    }
  }
  return out;
}

std::vector<int32_t> DecodeNuuq(const qnn::Layer& layer, const qnn::NuuqCoding& code) {
  const size_t count = static_cast<size_t>(layer.rows) * layer.k;
  RequireSize(code.indices.size(), count, "NUUQ indices");
  RequireSize(code.packed_rows.size(), layer.rows, "NUUQ packed rows");
  RequireSize(code.luts.size(), code.per_channel ? layer.rows : 1, "NUUQ tables");
  const NuuqPacking packing = code.dense ? NuuqPacking::kDense : NuuqPacking::kAligned;
  std::vector<int32_t> out(count);
  for (int r = 0; r < layer.rows; ++r) {
    const std::vector<int> indices =
        UnpackIndices(code.packed_rows[r], layer.k, code.levels, packing);
    const std::vector<int32_t>& lut = code.luts[code.per_channel ? r : 0];
    for (int k = 0; k < layer.k; ++k) {
      const size_t at = static_cast<size_t>(r) * layer.k + k;
      if (indices[k] != code.indices[at]) {
        throw std::invalid_argument(fmt::format(
            "DecodeLayerWeights: packed NUUQ row {} holds index {} at {}, expected {}", r,
            indices[k], k, code.indices[at]));
      }
      out[at] = NuuqDecode(indices[k], lut, code.grid_bits);
    }
  }
  return out;
}

std::vector<int32_t> DecodeMsq(const qnn::Layer& layer, const qnn::MsqCoding& code) {
  const size_t count = static_cast<size_t>(layer.rows) * layer.k;
  RequireSize(code.codes.size(), count, "MSQ codes");
  RequireSize(code.row_bits.size(), layer.rows, "MSQ row widths");
  RequireSize(layer.row_kind.size(), layer.rows, "row kinds");
  std::vector<int32_t> out(count);
  for (int r = 0; r < layer.rows; ++r) {
    const bool sp2 = layer.row_kind[r] == qnn::RowKind::kSp2;
    for (int k = 0; k < layer.k; ++k) {
      const size_t at = static_cast<size_t>(r) * layer.k + k;
      out[at] = sp2 ? Sp2Weight(code.codes[at], code.row_bits[r])
                    : WrapSigned(code.codes[at], code.row_bits[r]);
    }
  }
  return out;
}

}  // namespace

int QsqVectorOf(const qnn::QsqCoding& qsq, int row, int k, int k_per_row) {
  if (qsq.per_filter) return row;
  return static_cast<int>((static_cast<int64_t>(row) * k_per_row + k) / qsq.vector_length);
}

std::vector<int32_t> DecodeLayerWeights(const qnn::Layer& layer) {
  RequireSize(layer.weights.size(), static_cast<size_t>(layer.rows) * layer.k, "weights");
  return std::visit(
      [&layer](const auto& code) -> std::vector<int32_t> {
        using T = std::decay_t<decltype(code)>;
        if constexpr (std::is_same_v<T, qnn::IntCoding>) return DecodeInt(layer, code);
        if constexpr (std::is_same_v<T, qnn::QsqCoding>) return DecodeQsq(layer, code);
        if constexpr (std::is_same_v<T, qnn::NuuqCoding>) return DecodeNuuq(layer, code);
        if constexpr (std::is_same_v<T, qnn::MsqCoding>) return DecodeMsq(layer, code);
      },
      layer.code);
}

}  // namespace qscale::golden
