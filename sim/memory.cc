#include "sim/memory.h"

#include <stdexcept>

#include <fmt/format.h>

namespace qscale::sim {
Dram::Dram(sc_core::sc_module_name name, double bytes_per_cycle, int latency_cycles,
           sc_core::sc_time cycle)
    : sc_module(name), socket("socket"), channel_(bytes_per_cycle, latency_cycles), cycle_(cycle) {
  socket.register_b_transport(this, &Dram::BTransport);
}

void Dram::BTransport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const int64_t now = ToCycles(sc_core::sc_time_stamp(), cycle_);
  Transfer transfer;
  transfer.operand = AddressOperand(payload.get_address());
  transfer.to_dram = payload.is_write();
  transfer.bits = int64_t{payload.get_data_length()} * 8;
  transfer.at = now + ToCycles(delay, cycle_);
  const int64_t done = channel_.Move(transfer);
  delay = CyclesToTime(done - now, cycle_);
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

SramBuffer::SramBuffer(sc_core::sc_module_name name, int64_t bits)
    : sc_module(name), socket("socket"), bits_(bits) {
  socket.register_b_transport(this, &SramBuffer::BTransport);
}

void SramBuffer::BTransport(tlm::tlm_generic_payload& payload, sc_core::sc_time& /*delay*/) {
  const int64_t bits = int64_t{payload.get_data_length()} * 8;
  (payload.is_write() ? written_bits_ : read_bits_) += bits;
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

Dma::Dma(sc_core::sc_module_name name) : sc_module(name), socket("socket"), dram("dram") {
  socket.register_b_transport(this, &Dma::BTransport);
}

void Dma::BTransport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  const Operand operand = AddressOperand(payload.get_address());
  const tlm::tlm_command command = payload.get_command();
  // The DRAM side carries the controller's command; the buffer side the opposite one.
  dram->b_transport(payload, delay);
  payload.set_command(command == tlm::TLM_READ_COMMAND ? tlm::TLM_WRITE_COMMAND
                                                       : tlm::TLM_READ_COMMAND);
  sc_core::sc_time buffer_delay = delay;
  buffer[static_cast<int>(operand)]->b_transport(payload, buffer_delay);
  payload.set_command(command);
}

}  // namespace qscale::sim
