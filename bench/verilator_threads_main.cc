// Harness of bench/verilator_threads.py: clocks the verilated compute core (accel_core, any
// --threads) through a fixed seeded stream of inputs and prints, as one JSON object, its speed
// and a digest of every output it raised, so two builds can be checked to compute alike.
//   {"cycles": N, "seconds": s, "digest": "<16 hex digits>"}
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <random>

#include "Vaccel_core.h"
#include "verilated.h"

#include "sim/verilated_port.h"

namespace {

constexpr int64_t kCycles = 300000;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

// FNV-1a step over one 32-bit word.
uint64_t Mix(uint64_t digest, uint32_t word) {
  for (int b = 0; b < 4; ++b) digest = (digest ^ ((word >> (8 * b)) & 0xffu)) * kFnvPrime;
  return digest;
}

}  // namespace

int main(int argc, char** argv) {
  VerilatedContext context;
  context.commandArgs(argc, argv);
  Vaccel_core core(&context);
  std::mt19937 rng(1);
  qscale::sim::Reset(core);
  for (int w = 0; w < 3; ++w) core.bits_i[w] = 0;
  for (int c = 0; c < 16; ++c) {
    const int bit = 5 * c + 3;  // every column's 5-bit width field: 8
    core.bits_i[bit / 32] |= 1u << (bit % 32);
  }
  core.eval();
  uint64_t digest = 0xcbf29ce484222325ULL;
  const auto start = std::chrono::steady_clock::now();
  for (int64_t t = 0; t < kCycles; ++t) {
    // Random activations (16 bits each, of which the low 8 vary) and partial sums; int8 weights
    // decoded into the rows in turn, as a weight-stationary fold loads them.
    core.act_valid_i = rng() & 0xffffu;
    for (int w = 0; w < 8; ++w) core.act_i[w] = rng() & 0x00ff00ffu;
    core.psum_valid_i = rng() & 0xffffu;
    for (int w = 0; w < 16; ++w) core.psum_i[w] = rng() & 0xffffu;
    for (int w = 0; w < 8; ++w) core.code_i[w] = rng() & 0x00ff00ffu;
    core.dec_valid_i = (t % 20) < 16;
    core.dec_row_i = t % 16;
    core.coding_i = 0;
    core.eval();
    digest = Mix(digest, core.psum_valid_o);
    for (int w = 0; w < 16; ++w) digest = Mix(digest, core.psum_o[w]);
    qscale::sim::Edge(core);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  core.final();
  std::printf("{\"cycles\": %" PRId64 ", \"seconds\": %.6f, \"digest\": \"%016" PRIx64 "\"}\n",
              kCycles, seconds, digest);
  return 0;
}
