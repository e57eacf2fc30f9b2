#include "sim/entry.h"

#include <cstdlib>

#include <systemc>

namespace {

qscale::sim::MainFunction g_body = nullptr;

}  // namespace

int sc_main(int argc, char** argv) { return g_body ? g_body(argc, argv) : 1; }

namespace qscale::sim {

int RunWithSystemC(int argc, char** argv, MainFunction body) {
  g_body = body;
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
  return sc_core::sc_elab_and_sim(argc, argv);
}

}  // namespace qscale::sim
