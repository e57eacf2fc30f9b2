// When each fold (weight stationary) or tile (output stationary) of a layer runs, given the
// array's timing (golden/ws_array.h, golden/os_array.h: the same functions the RTL is checked
// against) and the memory system: a fold may start only when its weights and inputs are in the
// on-chip buffers and its output buffer half is free; DMA transfers are requested as soon as a
// buffer half is free and served by the MemoryPort in request order of time. docs/timing.md gives
// the formulas. Plain C++ (no SystemC): the SystemC controller runs it with a TLM-backed
// MemoryPort, and tests run it with a simple one.
#ifndef QSCALE_SIM_SCHEDULE_H_
#define QSCALE_SIM_SCHEDULE_H_

#include <cstdint>
#include <queue>
#include <string>
#include <vector>

#include "sim/program.h"

namespace qscale::sim {

// What a transfer moves.
enum class Operand { kWeights, kInputs, kOutputs };

// One DMA transfer between DRAM and an on-chip buffer, requested at cycle `at`.
struct Transfer {
  Operand operand = Operand::kWeights;
  bool to_dram = false;  // outputs go to DRAM, weights and inputs come from it
  int64_t bits = 0;
  int64_t at = 0;
};

// The DMA and DRAM as the scheduler sees them.
class MemoryPort {
 public:
  virtual ~MemoryPort() = default;
  // Performs `transfer`; returns the cycle it completes (> transfer.at when bits > 0). Called in
  // nondecreasing order of transfer.at.
  virtual int64_t Move(const Transfer& transfer) = 0;
};

// Transfers are requested in program order but must reach the MemoryPort in time order: this
// queue holds them and serves every pending one requested no later than the one whose
// completion is asked for. Throws std::logic_error if a transfer is pushed with a request time
// earlier than one already served (the scheduler's invariant).
class TransferQueue {
 public:
  explicit TransferQueue(MemoryPort& port) : port_(port) {}
  // Queues `transfer`; returns its ticket.
  int Push(const Transfer& transfer);
  // The completion cycle of ticket `ticket`, serving what must go first.
  int64_t Completion(int ticket);
  // Serves every pending transfer.
  void Flush();

 private:
  struct Pending {
    int64_t at;
    int ticket;
    bool operator>(const Pending& other) const {
      return at != other.at ? at > other.at : ticket > other.ticket;
    }
  };
  void ServeUntil(int64_t at, int ticket);

  MemoryPort& port_;
  std::vector<Transfer> transfers_;
  std::vector<int64_t> done_;  // completion per ticket, -1 while pending
  std::priority_queue<Pending, std::vector<Pending>, std::greater<Pending>> pending_;
  int64_t served_at_ = INT64_MIN;
};

// When one fold or tile runs (absolute cycles).
struct BlockTiming {
  int block = 0;       // column block
  int k_block = 0;     // weight stationary: k block; 0 for output stationary
  int m_tile = 0;
  int64_t first_vector = 0;  // index of its first vector (ws) / row (os) in the layer's M
  int64_t vectors = 1;       // ws: M of the fold; os: rows of the tile (<= rows)
  int64_t start = 0;   // ws: load_start (first weight row on the load port); os: shift start S
  int64_t first = 0;   // ws: first_act T0; os: first step T
  int64_t steps = 1;   // ws: 1; os: K
  int64_t last_output = 0;  // cycle its last result leaves the array
};

// The cycle count of one step, split as the reports show it. cycles = end - start =
// compute + fill_drain + weight_load + stall.
struct StepTiming {
  int64_t start = 0;
  int64_t end = 0;            // the step's outputs are in DRAM
  int64_t compute = 0;        // cycles the array accepts new vectors / steps (vector unit: busy)
  int64_t weight_load = 0;    // weight loading and decoder table reloads the array waits for
  int64_t stall = 0;          // cycles waiting for DRAM (data not yet in a buffer, halves busy)
  int64_t fill_drain = 0;     // the rest: pipeline fill and drain of the array
  std::vector<BlockTiming> blocks;   // folds or tiles in run order (empty for vector work, or
                                     // when not kept: ScheduleArray)
  int64_t dram_bits[3] = {0, 0, 0};  // by Operand
};

// Schedules an array op from cycle `start` (its inputs are in DRAM then). The per-fold timings
// (StepTiming::blocks) are kept only if `keep_blocks`: a backend that clocks the array needs
// them; the cycle totals do not (ResNet-18 on an 8x8 array has millions of folds).
StepTiming ScheduleArray(const ArrayWork& work, const HardwareConfig& hardware, int64_t start,
                         TransferQueue& dma, bool keep_blocks = true);

// Schedules a vector op from `start`: read its inputs, ceil(input elements / lanes) + 2 cycles of
// work, write its output.
StepTiming ScheduleVector(const VectorWork& work, const HardwareConfig& hardware, int64_t start,
                          TransferQueue& dma);

// Schedules one step from `start`: ScheduleArray or ScheduleVector by its kind.
StepTiming ScheduleStep(const Step& step, const HardwareConfig& hardware, int64_t start,
                        TransferQueue& dma, bool keep_blocks = true);

// Schedules every step of `program` back to back from cycle `start` (what the controller does,
// without SystemC): the timings in step order.
std::vector<StepTiming> ScheduleProgram(const Program& program, int64_t start, TransferQueue& dma);

// A MemoryPort of one DRAM channel: a transfer of B bits requested at t completes at
// max(t + latency, channel free) + ceil(ceil(B / 8) / bytes_per_cycle); the channel is then free.
class DramChannel : public MemoryPort {
 public:
  DramChannel(double bytes_per_cycle, int latency_cycles)
      : bytes_per_cycle_(bytes_per_cycle), latency_(latency_cycles) {}
  int64_t Move(const Transfer& transfer) override;
  int64_t bytes(Operand operand) const { return bytes_[static_cast<int>(operand)]; }

 private:
  double bytes_per_cycle_;
  int latency_;
  int64_t free_at_ = 0;
  int64_t bytes_[3] = {0, 0, 0};
};

// Cycles a transfer of `bits` occupies a channel of `bytes_per_cycle`: ceil(ceil(bits/8) / bpc).
int64_t TransferCycles(int64_t bits, double bytes_per_cycle);

// ceil(bits * part / whole), exact in integers: a part's share of a tensor's `bits` (a fold's
// weights, a tile's inputs). 0 when whole <= 0. bits, part >= 0.
int64_t ShareBits(int64_t bits, int64_t part, int64_t whole);

// The array columns a column block uses (entries >= 0 of ArrayWork::columns[b]).
int UsedColumns(const std::vector<int>& columns);

}  // namespace qscale::sim

#endif  // QSCALE_SIM_SCHEDULE_H_
