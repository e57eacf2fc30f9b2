#include "src/quant/rounding.h"

#include <stdexcept>

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/LU>

namespace qscale::quant {
namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr double kDamping = 0.01;

}  // namespace

void NearestRounding(int rows, int k, const float* weights, const RoundFn& round) {
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < k; ++c) round(r, c, weights[static_cast<size_t>(r) * k + c]);
  }
}

void CompensatedRounding(const std::vector<double>& hessian, int rows, int k,
                         const float* weights, const RoundFn& round) {
  if (hessian.size() != static_cast<size_t>(k) * k) {
    throw std::invalid_argument("CompensatedRounding: the Hessian is not k x k");
  }
  Matrix h = Eigen::Map<const Matrix>(hessian.data(), k, k);
  const double mean_diagonal = h.diagonal().mean();
  for (int j = 0; j < k; ++j) {
    if (h(j, j) <= 0) h(j, j) = 1;
    h(j, j) += kDamping * (mean_diagonal > 0 ? mean_diagonal : 1.0);
  }
  const Matrix inverse = h.inverse();
  const Matrix upper = Eigen::LLT<Matrix>(inverse).matrixU();

  Matrix w(rows, k);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < k; ++c) w(r, c) = weights[static_cast<size_t>(r) * k + c];
  }
  for (int j = 0; j < k; ++j) {
    for (int r = 0; r < rows; ++r) {
      const double q = round(r, j, w(r, j));
      const double e = (w(r, j) - q) / upper(j, j);
      w.row(r).tail(k - j - 1) -= e * upper.row(j).tail(k - j - 1);
    }
  }
}

}  // namespace qscale::quant
