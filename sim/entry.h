// The process entry point of programs that simulate: SystemC owns main() (its kernel starts in
// sc_elab_and_sim and calls sc_main), so a program hands its real main to RunWithSystemC. The
// SystemC copyright banner is switched off: qscale's stdout carries reports only.
#ifndef QSCALE_SIM_ENTRY_H_
#define QSCALE_SIM_ENTRY_H_

namespace qscale::sim {

// The program's real main.
using MainFunction = int (*)(int argc, char** argv);

// Runs `body` as SystemC's sc_main and returns its exit code.
int RunWithSystemC(int argc, char** argv, MainFunction body);

}  // namespace qscale::sim

#endif  // QSCALE_SIM_ENTRY_H_
