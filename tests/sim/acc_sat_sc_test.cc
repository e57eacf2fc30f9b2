// The verilated acc_sat as a SystemC (--sc) module, clocked by an sc_clock: proves the
// Verilator --sc + SystemC path and that clocked results equal golden::SaturatingAdd.
#include "Vacc_sat_sc.h"  // Verilated headers before <systemc>.

#include <random>
#include <vector>

#include <gtest/gtest.h>
#include <systemc>

#include "src/golden/saturate.h"

namespace qscale {
namespace {

struct Stimulus {
  bool clear;
  bool en;
  int32_t addend;
};

// Testbench: presents one stimulus per clock cycle on the falling edge, samples acc_o after the
// next rising edge, and records what it saw.
SC_MODULE(AccSatBench) {
  sc_core::sc_in<bool> clk;
  sc_core::sc_out<bool> rst_n, clear, en;
  sc_core::sc_out<uint32_t> addend;
  sc_core::sc_in<uint32_t> acc;

  std::vector<Stimulus> stimuli;
  std::vector<int64_t> seen;

  SC_CTOR(AccSatBench) { SC_THREAD(Run); }

  void Run() {
    rst_n.write(false);
    clear.write(false);
    en.write(false);
    addend.write(0);
    wait(clk.negedge_event());
    rst_n.write(true);
    for (const Stimulus& s : stimuli) {
      wait(clk.negedge_event());
      clear.write(s.clear);
      en.write(s.en);
      addend.write(static_cast<uint32_t>(s.addend) & 0xffffu);
      wait(clk.posedge_event());
      wait(sc_core::SC_ZERO_TIME);
      wait(sc_core::SC_ZERO_TIME);
      seen.push_back(static_cast<int32_t>(acc.read()));
    }
    sc_core::sc_stop();
  }
};

TEST(AccSatSc, ClockedModuleMatchesGoldenOnSeededRandomStimuli) {
  sc_core::sc_clock clk("clk", 2, sc_core::SC_NS);
  sc_core::sc_signal<bool> rst_n("rst_n"), clear("clear"), en("en");
  sc_core::sc_signal<uint32_t> addend("addend"), acc("acc");
  Vacc_sat_sc dut("dut");
  dut.clk_i(clk);
  dut.rst_ni(rst_n);
  dut.clear_i(clear);
  dut.en_i(en);
  dut.addend_i(addend);
  dut.acc_o(acc);
  AccSatBench bench("bench");
  bench.clk(clk);
  bench.rst_n(rst_n);
  bench.clear(clear);
  bench.en(en);
  bench.addend(addend);
  bench.acc(acc);

  std::mt19937 rng(7);
  std::uniform_int_distribution<int32_t> value(-32768, 32767);
  std::uniform_int_distribution<int> action(0, 49);
  std::vector<int64_t> want;
  int64_t golden_acc = 0;
  for (int i = 0; i < 20000; ++i) {
    const int a = action(rng);
    // Long runs of the largest addend drive the accumulator onto its rails.
    const int32_t x = (i / 5000) % 2 ? (i % 2 ? 32767 : value(rng)) : value(rng);
    const Stimulus s{a == 0, a != 1, x};
    if (s.clear) {
      golden_acc = 0;
    } else if (s.en) {
      golden_acc = golden::SaturatingAdd(golden_acc, x, 32);
    }
    bench.stimuli.push_back(s);
    want.push_back(golden_acc);
  }
  sc_core::sc_start();
  ASSERT_EQ(bench.seen.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(bench.seen[i], want[i]) << "cycle " << i << " addend " << bench.stimuli[i].addend;
  }
}

}  // namespace
}  // namespace qscale
