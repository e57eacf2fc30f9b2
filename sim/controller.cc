#include "sim/controller.h"

#include <stdexcept>
#include <variant>

namespace qscale::sim {

Controller::Controller(sc_core::sc_module_name name, sc_core::sc_time cycle)
    : sc_module(name), dma("dma"), cycle_(cycle) {
  SC_THREAD(Run);
}

void Controller::Arm(const Program& program, Backend& backend, Values& values,
                     std::vector<StepTiming>& timings) {
  program_ = &program;
  backend_ = &backend;
  values_ = &values;
  timings_ = &timings;
  armed_ = true;
  go_.notify(sc_core::SC_ZERO_TIME);
}

int64_t Controller::NowCycles() const { return ToCycles(sc_core::sc_time_stamp(), cycle_); }

int64_t Controller::Move(const Transfer& transfer) {
  const int64_t now = NowCycles();
  if (transfer.at < now) throw std::logic_error("Controller: a transfer requested in the past");
  const int64_t bytes = (transfer.bits + 7) / 8;
  if (bytes <= 0) return transfer.at;
  if (static_cast<int64_t>(scratch_.size()) < bytes) scratch_.resize(static_cast<size_t>(bytes));
  tlm::tlm_generic_payload& payload = payload_;
  payload.set_command(transfer.to_dram ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  payload.set_address(OperandAddress(transfer.operand));
  payload.set_data_ptr(scratch_.data());
  payload.set_data_length(static_cast<unsigned>(bytes));
  payload.set_streaming_width(static_cast<unsigned>(bytes));
  payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = CyclesToTime(transfer.at - now, cycle_);
  dma->b_transport(payload, delay);
  if (payload.is_response_error()) throw std::runtime_error("Controller: DMA transfer failed");
  return now + ToCycles(delay, cycle_);
}

void Controller::Run() {
  for (;;) {
    // The first batch may be armed before the thread first runs: the flag, not the event, says.
    while (!armed_) wait(go_);
    armed_ = false;
    failure_ = nullptr;
    try {
      TransferQueue queue(*this);
      int64_t now = NowCycles();
      for (const Step& step : program_->steps) {
        const StepTiming timing =
            ScheduleStep(step, program_->hardware, now, queue, backend_->NeedsBlockTimings());
        backend_->Run(step, timing, program_->images, *values_);
        const int64_t behind = timing.end - NowCycles();
        if (behind < 0) throw std::logic_error("Controller: the backend ran past its step");
        wait(CyclesToTime(behind, cycle_));
        now = timing.end;
        timings_->push_back(timing);
      }
      queue.Flush();
    } catch (...) {
      failure_ = std::current_exception();
    }
    sc_core::sc_pause();
  }
}

}  // namespace qscale::sim
