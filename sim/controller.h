// The accelerator's controller: runs a batch's program step by step. For each step it computes
// the schedule (sim/schedule.h) against the memory system, sending every DMA transfer as a TLM
// transaction, lets the backend compute the step's integers, and advances simulated time to the
// step's end. Loosely timed: a step costs one wait in `fast` (temporal decoupling); the `rtl`
// backend clocks the hardware through it.
#ifndef QSCALE_SIM_CONTROLLER_H_
#define QSCALE_SIM_CONTROLLER_H_

#include <cstdint>
#include <exception>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "sim/backend.h"
#include "sim/memory.h"
#include "sim/program.h"
#include "sim/schedule.h"

namespace qscale::sim {

class Controller : public sc_core::sc_module, private MemoryPort {
 public:
  tlm_utils::simple_initiator_socket<Controller> dma;

  SC_HAS_PROCESS(Controller);
  // `cycle`: the clock period.
  Controller(sc_core::sc_module_name name, sc_core::sc_time cycle);

  // The next sc_start runs `program` with `backend` over `values`, appends each step's timing to
  // `timings` and pauses the simulation when the batch is done. All must outlive that run.
  void Arm(const Program& program, Backend& backend, Values& values,
           std::vector<StepTiming>& timings);

  // The current simulated time in cycles.
  int64_t NowCycles() const;

  // What the last batch threw (null if it finished); the facade rethrows it after sc_start.
  std::exception_ptr failure() const { return failure_; }

 private:
  void Run();
  int64_t Move(const Transfer& transfer) override;

  sc_core::sc_time cycle_;
  sc_core::sc_event go_;
  bool armed_ = false;
  const Program* program_ = nullptr;
  Backend* backend_ = nullptr;
  Values* values_ = nullptr;
  std::vector<StepTiming>* timings_ = nullptr;
  tlm::tlm_generic_payload payload_;    // reused: constructing one per transfer allocates
  std::vector<unsigned char> scratch_;  // payload bytes (content not modelled)
  std::exception_ptr failure_;
};

}  // namespace qscale::sim

#endif  // QSCALE_SIM_CONTROLLER_H_
