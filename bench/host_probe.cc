// qscale_host_probe: how fast this host is right now, with nothing of qscale in the loop.
//
// bench/bench.py runs it before each rep and after the last, so a run's report shows the host's
// speed next to qscale's figures: when two runs differ, the probe tells whether the host moved.
// A sample is a fixed amount of double-precision GEMM (the golden engine's arithmetic: Eigen,
// 192x192 row-major operands), timed on one thread and then split over two threads, pair by
// pair in alternating order. Prints one JSON object (schema qscale.host_probe/1) on stdout:
//   {"schema", "macs_per_sample", "one_thread_s": [seconds...], "two_threads_s": [seconds...]}
//
//   qscale_host_probe [--pairs N]    N in 1..1000, default 10
#include <Eigen/Core>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr int kSize = 192;               // GEMM side
constexpr int kProductsPerSample = 160;  // ~0.15 s on one thread of this machine kind
constexpr int64_t kMacsPerSample = int64_t{kProductsPerSample} * kSize * kSize * kSize;

volatile double g_sink = 0;  // the products' sum lands here, so none is optimized away

// `products` GEMMs of fixed operands; returns a value the caller keeps, so none is elided.
double Products(int products) {
  const Matrix a = Matrix::Constant(kSize, kSize, 1.0);
  const Matrix b = Matrix::Constant(kSize, kSize, 2.0);
  Matrix c(kSize, kSize);
  double kept = 0;
  for (int i = 0; i < products; ++i) {
    c.noalias() = a * b;
    kept += c(i % kSize, 0);
  }
  return kept;
}

// Wall seconds of one sample on `threads` threads (1 or 2), each doing its share.
double Sample(int threads, double& kept) {
  const auto start = std::chrono::steady_clock::now();
  if (threads == 1) {
    kept += Products(kProductsPerSample);
  } else {
    double other = 0;
    std::thread helper([&other] { other = Products(kProductsPerSample / 2); });
    kept += Products(kProductsPerSample - kProductsPerSample / 2);
    helper.join();
    kept += other;
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string JsonList(const std::vector<double>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) {
    char cell[32];
    std::snprintf(cell, sizeof cell, "%s%.6f", i ? ", " : "", values[i]);
    out += cell;
  }
  return out + "]";
}

}  // namespace

int main(int argc, char** argv) {
  int pairs = 10;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word != "--pairs") {
      std::fprintf(stderr,
                   "qscale_host_probe: unknown argument \"%s\"; usage: "
                   "qscale_host_probe [--pairs N]\n",
                   word.c_str());
      return 2;
    }
    const char* text = i + 1 < argc ? argv[++i] : "";
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value < 1 || value > 1000) {
      std::fprintf(stderr,
                   "qscale_host_probe: --pairs needs a whole number in 1..1000 "
                   "(got \"%s\")\n",
                   text);
      return 2;
    }
    pairs = static_cast<int>(value);
  }
  Eigen::setNbThreads(1);
  double kept = 0;
  Sample(2, kept);  // warm-up: caches, page mapping, thread creation
  std::vector<double> one, two;
  for (int p = 0; p < pairs; ++p) {
    if (p % 2 == 0) {
      one.push_back(Sample(1, kept));
      two.push_back(Sample(2, kept));
    } else {
      two.push_back(Sample(2, kept));
      one.push_back(Sample(1, kept));
    }
  }
  g_sink = kept;
  std::printf(
      "{\"schema\": \"qscale.host_probe/1\", \"macs_per_sample\": %lld, "
      "\"one_thread_s\": %s, \"two_threads_s\": %s}\n",
      static_cast<long long>(kMacsPerSample), JsonList(one).c_str(), JsonList(two).c_str());
  return 0;
}
