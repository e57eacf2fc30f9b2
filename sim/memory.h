// TLM-2.0 models of the accelerator's memory system (DESIGN.md section 2), loosely timed: every
// transaction's annotated delay says when it is requested, relative to the caller's local time,
// and comes back as when it completes.
//   Dram        one channel: a transfer requested at t completes at max(t + latency, free) +
//               ceil(bytes / bytes_per_cycle) (sim/schedule.h DramChannel); counts bytes per
//               operand.
//   SramBuffer  an on-chip buffer of a given size, used as two halves (double buffering);
//               counts the bits the DMA writes and reads.
//   Dma         moves a block between the Dram and the buffer of its operand: the controller
//               sends it one transaction per transfer.
// Addresses carry the operand (weights, inputs, outputs) in bits 40..41; a READ moves DRAM ->
// buffer, a WRITE buffer -> DRAM. Payloads are sized in bytes but their content is not modelled:
// the arithmetic reads the quantized network's encodings, which are what the DRAM would hold.
#ifndef QSCALE_SIM_MEMORY_H_
#define QSCALE_SIM_MEMORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "sim/schedule.h"

namespace qscale::sim {

inline constexpr int kOperandShift = 40;

// The address of `operand`'s region.
inline uint64_t OperandAddress(Operand operand) {
  return uint64_t{static_cast<unsigned>(operand)} << kOperandShift;
}
// The operand an address belongs to.
inline Operand AddressOperand(uint64_t address) {
  return static_cast<Operand>((address >> kOperandShift) & 3);
}

// Simulated time <-> cycles of period `cycle`, in integers on the kernel's time grid (every time
// the model waits or annotates is a whole number of cycles). `t` and `cycles` >= 0.
inline int64_t ToCycles(const sc_core::sc_time& t, const sc_core::sc_time& cycle) {
  return static_cast<int64_t>((t.value() + cycle.value() / 2) / cycle.value());
}
inline sc_core::sc_time CyclesToTime(int64_t cycles, const sc_core::sc_time& cycle) {
  return sc_core::sc_time::from_value(cycle.value() * static_cast<uint64_t>(cycles));
}

class Dram : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Dram> socket;

  // bytes_per_cycle > 0, latency_cycles >= 0, `cycle` the clock period.
  Dram(sc_core::sc_module_name name, double bytes_per_cycle, int latency_cycles,
       sc_core::sc_time cycle);

  // Bytes moved for `operand` so far.
  int64_t bytes(Operand operand) const { return channel_.bytes(operand); }

 private:
  void BTransport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);

  DramChannel channel_;
  sc_core::sc_time cycle_;
};

class SramBuffer : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<SramBuffer> socket;

  // `bits`: the whole buffer (both halves), > 0.
  SramBuffer(sc_core::sc_module_name name, int64_t bits);

  int64_t written_bits() const { return written_bits_; }
  int64_t read_bits() const { return read_bits_; }
  int64_t bits() const { return bits_; }

 private:
  void BTransport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);

  int64_t bits_;
  int64_t written_bits_ = 0;
  int64_t read_bits_ = 0;
};

class Dma : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<Dma> socket;               // from the controller
  tlm_utils::simple_initiator_socket<Dma> dram;              // to the Dram
  tlm_utils::simple_initiator_socket<Dma> buffer[3];         // by Operand

  explicit Dma(sc_core::sc_module_name name);

 private:
  void BTransport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
};

}  // namespace qscale::sim

#endif  // QSCALE_SIM_MEMORY_H_
