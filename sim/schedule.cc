#include "sim/schedule.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "src/golden/os_array.h"
#include "src/golden/ws_array.h"

namespace qscale::sim {
namespace {

int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

// UsedColumns of every column block of `w`, computed once per step (a hot loop reads them).
std::vector<int64_t> UsedPerBlock(const ArrayWork& w) {
  std::vector<int64_t> used;
  for (const std::vector<int>& block : w.columns) used.push_back(UsedColumns(block));
  return used;
}

// The transfers of a step, counted by operand as they are queued.
class Requests {
 public:
  Requests(TransferQueue& dma, StepTiming& timing) : dma_(dma), timing_(timing) {}
  int Push(Operand operand, int64_t bits, int64_t at) {
    timing_.dram_bits[static_cast<int>(operand)] += bits;
    return dma_.Push({operand, operand == Operand::kOutputs, bits, at});
  }
  int64_t Done(int ticket) { return ticket < 0 ? 0 : dma_.Completion(ticket); }

 private:
  TransferQueue& dma_;
  StepTiming& timing_;
};

void Finish(StepTiming& t, int64_t end) {
  t.end = end;
  t.fill_drain = (t.end - t.start) - t.compute - t.weight_load - t.stall;
  if (t.fill_drain < 0) throw std::logic_error("schedule: cycle categories exceed the step");
}

StepTiming ScheduleWs(const ArrayWork& w, const HardwareConfig& hw, int64_t start,
                      TransferQueue& dma, bool keep_blocks) {
  const golden::ArrayShape& shape = hw.shape;
  const int64_t rows = shape.rows, cols = shape.cols;
  const int64_t ii = golden::StepInterval(shape), latency = golden::MulLatency(shape);
  const int blocks = static_cast<int>(w.columns.size());
  const int64_t total_weights = int64_t{w.n} * w.k;
  StepTiming t;
  t.start = start;
  Requests req(dma, t);

  auto tile_vectors = [&](int mt) { return std::min(w.m_tile, w.m - mt * w.m_tile); };
  const int folds = w.m_tiles * blocks * w.k_blocks;
  std::vector<int> weight_ticket(folds, -1), input_ticket(w.m_tiles, -1);
  std::vector<int> writeback(w.m_tiles * blocks, -1);
  const std::vector<int64_t> used = UsedPerBlock(w);
  auto fold_bits = [&](int b, int kb) {
    const int64_t k_rows = std::min<int64_t>(rows, w.k - int64_t{kb} * rows);
    return ShareBits(w.weight_bits, used[b] * k_rows, total_weights);
  };
  if (keep_blocks) t.blocks.reserve(static_cast<size_t>(folds));
  const int resident = w.weights_resident ? req.Push(Operand::kWeights, w.weight_bits, start) : -1;
  for (int mt = 0; mt < std::min(2, w.m_tiles); ++mt) {
    input_ticket[mt] =
        req.Push(Operand::kInputs, ShareBits(w.input_bits, tile_vectors(mt), w.m), start);
  }
  if (!w.weights_resident) {
    for (int f = 0; f < std::min(2, folds); ++f) {
      const int b = (f / w.k_blocks) % blocks, kb = f % w.k_blocks;
      weight_ticket[f] = req.Push(Operand::kWeights, fold_bits(b, kb), start);
    }
  }

  BlockTiming prev;
  int f = 0;
  for (int mt = 0; mt < w.m_tiles; ++mt) {
    const int64_t vectors = tile_vectors(mt);
    for (int b = 0; b < blocks; ++b) {
      const int group = mt * blocks + b;
      for (int kb = 0; kb < w.k_blocks; ++kb, ++f) {
        int64_t ready = std::max(req.Done(resident), req.Done(weight_ticket[f]));
        ready = std::max(ready, req.Done(input_ticket[mt]));
        if (kb == 0 && group >= 2) ready = std::max(ready, req.Done(writeback[group - 2]));

        // Compute-bound earliest first activation, then what the decoders' tables add.
        const int64_t array_earliest =
            f == 0 ? start + kDecoderCycles + 1 : prev.first + golden::WsFoldPeriod(shape, prev.vectors);
        const bool new_tables = w.decoder_setup_cycles > 0 &&
                                (f == 0 || (w.decoder_tables_per_block && kb == 0 && blocks > 1));
        int64_t earliest = array_earliest;
        if (new_tables) {
          earliest = std::max(earliest, f == 0 ? start + w.decoder_setup_cycles + kDecoderCycles + 1
                                               : prev.start + rows + w.decoder_setup_cycles +
                                                     kDecoderCycles);
        }
        const int64_t first = std::max(earliest, ready + kDecoderCycles + 1);
        t.stall += first - earliest;
        t.weight_load += earliest - (f == 0 ? start : array_earliest);
        if (f > 0) {
          // The part of the previous fold's period spent loading rows beyond its vectors.
          t.weight_load += std::max<int64_t>(
              0, rows - ((prev.vectors - 1) * ii + std::max<int64_t>(cols, ii)));
        }
        t.compute += vectors * ii;

        BlockTiming timing;
        timing.block = b;
        timing.k_block = kb;
        timing.m_tile = mt;
        timing.first_vector = int64_t{mt} * w.m_tile;
        timing.vectors = vectors;
        timing.start = first - 1;
        timing.first = first;
        timing.last_output = first + (vectors - 1) * ii + rows + cols - 1 + latency;
        if (keep_blocks) t.blocks.push_back(timing);

        if (!w.weights_resident && f + 2 < folds) {
          const int next = f + 2;
          weight_ticket[next] = req.Push(Operand::kWeights,
                                         fold_bits((next / w.k_blocks) % blocks, next % w.k_blocks),
                                         timing.start + rows);
        }
        if (b == blocks - 1 && kb == w.k_blocks - 1 && mt + 2 < w.m_tiles) {
          input_ticket[mt + 2] =
              req.Push(Operand::kInputs, ShareBits(w.input_bits, tile_vectors(mt + 2), w.m),
                       first + (vectors - 1) * ii + rows);
        }
        if (kb == w.k_blocks - 1) {
          const int64_t bits = ShareBits(w.output_bits, vectors * used[b], w.m * int64_t{w.n});
          writeback[group] =
              req.Push(Operand::kOutputs, bits, timing.last_output + kRequantizeCycles + 1);
        }
        prev = timing;
      }
    }
  }
  int64_t end = start;
  for (int ticket : writeback) end = std::max(end, req.Done(ticket));
  // The last fold's weight-load excess, if its rows outlast its vectors, is hidden in its drain.
  Finish(t, end);
  return t;
}

StepTiming ScheduleOs(const ArrayWork& w, const HardwareConfig& hw, int64_t start,
                      TransferQueue& dma, bool keep_blocks) {
  const golden::ArrayShape& shape = hw.shape;
  const int64_t rows = shape.rows, cols = shape.cols, k = w.k;
  const int64_t ii = golden::StepInterval(shape);
  const int blocks = static_cast<int>(w.columns.size());
  StepTiming t;
  t.start = start;
  Requests req(dma, t);

  auto tile_vectors = [&](int mt) { return std::min(w.m_tile, w.m - mt * w.m_tile); };
  const int groups = w.m_tiles * blocks;
  std::vector<int> weight_ticket(groups, -1), input_ticket(w.m_tiles, -1), writeback(groups, -1);
  const std::vector<int64_t> used = UsedPerBlock(w);
  auto group_bits = [&](int b) { return ShareBits(w.weight_bits, used[b], w.n); };
  const int resident = w.weights_resident ? req.Push(Operand::kWeights, w.weight_bits, start) : -1;
  for (int mt = 0; mt < std::min(2, w.m_tiles); ++mt) {
    input_ticket[mt] =
        req.Push(Operand::kInputs, ShareBits(w.input_bits, tile_vectors(mt), w.m), start);
  }
  if (!w.weights_resident) {
    for (int g = 0; g < std::min(2, groups); ++g) {
      weight_ticket[g] = req.Push(Operand::kWeights, group_bits(g % blocks), start);
    }
  }

  auto writeback_bits = [&](int mt, int b) {
    return ShareBits(w.output_bits, tile_vectors(mt) * used[b], w.m * int64_t{w.n});
  };
  bool have_prev = false;
  BlockTiming prev;
  int prev_group = -1;
  for (int mt = 0; mt < w.m_tiles; ++mt) {
    const int64_t vectors = tile_vectors(mt);
    for (int b = 0; b < blocks; ++b) {
      const int group = mt * blocks + b;
      for (int64_t first_row = 0; first_row < vectors; first_row += rows) {
        const bool group_start = first_row == 0;
        int64_t ready = std::max(req.Done(resident), req.Done(input_ticket[mt]));
        ready = std::max(ready, req.Done(weight_ticket[group]));
        if (group_start && group >= 2) ready = std::max(ready, req.Done(writeback[group - 2]));

        const int64_t array_earliest =
            have_prev ? prev.first + (k - 1) * ii + rows + cols + golden::MulLatency(shape) : start;
        const bool new_tables =
            w.decoder_setup_cycles > 0 &&
            (!have_prev || (w.decoder_tables_per_block && group_start && blocks > 1));
        int64_t earliest = array_earliest;
        if (new_tables) {
          earliest = std::max(earliest, have_prev ? prev.first + (k - 1) * ii + cols +
                                                        w.decoder_setup_cycles - rows
                                                  : start + w.decoder_setup_cycles +
                                                        kDecoderCycles - rows);
        }
        const int64_t shift = std::max(earliest, ready);
        t.stall += shift - earliest;
        t.weight_load += earliest - array_earliest;
        t.compute += k * ii;
        if (have_prev) {
          // The previous tile's results leave during this tile's shift.
          prev.last_output = shift + rows - 1;
          if (keep_blocks) t.blocks.back().last_output = prev.last_output;
          if (prev_group != group) {
            writeback[prev_group] =
                req.Push(Operand::kOutputs, writeback_bits(prev.m_tile, prev.block),
                         prev.last_output + kRequantizeCycles + 1);
          }
        }

        BlockTiming timing;
        timing.block = b;
        timing.m_tile = mt;
        timing.first_vector = int64_t{mt} * w.m_tile + first_row;
        timing.vectors = std::min(rows, vectors - first_row);
        timing.start = shift;
        timing.first = shift + rows;
        timing.steps = k;
        if (keep_blocks) t.blocks.push_back(timing);

        const bool group_end = first_row + rows >= vectors;
        if (group_end && !w.weights_resident && group + 2 < groups) {
          weight_ticket[group + 2] = req.Push(Operand::kWeights, group_bits((group + 2) % blocks),
                                              timing.first + (k - 1) * ii + cols);
        }
        if (group_end && b == blocks - 1 && mt + 2 < w.m_tiles) {
          input_ticket[mt + 2] =
              req.Push(Operand::kInputs, ShareBits(w.input_bits, tile_vectors(mt + 2), w.m),
                       timing.first + (k - 1) * ii + rows);
        }
        prev = timing;
        prev_group = group;
        have_prev = true;
      }
    }
  }
  // The final drain shift pushes the last tile's results out.
  const int64_t drain = prev.first + (k - 1) * ii + rows + cols + golden::MulLatency(shape);
  if (keep_blocks) t.blocks.back().last_output = drain + rows - 1;
  writeback[prev_group] = req.Push(Operand::kOutputs, writeback_bits(prev.m_tile, prev.block),
                                   drain + rows - 1 + kRequantizeCycles + 1);
  int64_t end = start;
  for (int ticket : writeback) end = std::max(end, req.Done(ticket));
  Finish(t, end);
  return t;
}

}  // namespace

int64_t ShareBits(int64_t bits, int64_t part, int64_t whole) {
  if (whole <= 0) return 0;
  int64_t product = 0;
  if (!__builtin_mul_overflow(bits, part, &product) && product <= INT64_MAX - whole) {
    return (product + whole - 1) / whole;
  }
  __extension__ using Wide = __int128;  // huge tensors: the product passes 2^63
  return static_cast<int64_t>((Wide{bits} * part + whole - 1) / whole);
}

int UsedColumns(const std::vector<int>& columns) {
  return static_cast<int>(
      std::count_if(columns.begin(), columns.end(), [](int c) { return c >= 0; }));
}

int64_t TransferCycles(int64_t bits, double bytes_per_cycle) {
  const int64_t bytes = CeilDiv(bits, 8);
  return static_cast<int64_t>(std::ceil(static_cast<double>(bytes) / bytes_per_cycle));
}

int TransferQueue::Push(const Transfer& transfer) {
  if (transfer.at < served_at_) {
    throw std::logic_error("TransferQueue: a transfer requested before one already served");
  }
  const int ticket = static_cast<int>(transfers_.size());
  transfers_.push_back(transfer);
  done_.push_back(-1);
  pending_.push({transfer.at, ticket});
  return ticket;
}

void TransferQueue::ServeUntil(int64_t at, int ticket) {
  const Pending limit{at, ticket};
  while (!pending_.empty() && !(pending_.top() > limit)) {
    const Pending next = pending_.top();
    pending_.pop();
    served_at_ = next.at;
    done_[next.ticket] = port_.Move(transfers_[next.ticket]);
  }
}

int64_t TransferQueue::Completion(int ticket) {
  if (done_.at(ticket) < 0) ServeUntil(transfers_[ticket].at, ticket);
  return done_[ticket];
}

void TransferQueue::Flush() {
  while (!pending_.empty()) {
    const Pending next = pending_.top();
    ServeUntil(next.at, next.ticket);
  }
}

int64_t DramChannel::Move(const Transfer& transfer) {
  if (transfer.bits <= 0) return transfer.at;
  bytes_[static_cast<int>(transfer.operand)] += CeilDiv(transfer.bits, 8);
  const int64_t begin = std::max(transfer.at + latency_, free_at_);
  free_at_ = begin + TransferCycles(transfer.bits, bytes_per_cycle_);
  return free_at_;
}

StepTiming ScheduleArray(const ArrayWork& work, const HardwareConfig& hardware, int64_t start,
                         TransferQueue& dma, bool keep_blocks) {
  if (work.columns.empty() || work.m < 1 || work.k < 1 || work.m_tile < 1) {
    throw std::invalid_argument("ScheduleArray: empty work for " + work.name);
  }
  return hardware.output_stationary ? ScheduleOs(work, hardware, start, dma, keep_blocks)
                                    : ScheduleWs(work, hardware, start, dma, keep_blocks);
}

StepTiming ScheduleStep(const Step& step, const HardwareConfig& hardware, int64_t start,
                        TransferQueue& dma, bool keep_blocks) {
  if (const auto* array = std::get_if<ArrayWork>(&step)) {
    return ScheduleArray(*array, hardware, start, dma, keep_blocks);
  }
  return ScheduleVector(std::get<VectorWork>(step), hardware, start, dma);
}

std::vector<StepTiming> ScheduleProgram(const Program& program, int64_t start,
                                        TransferQueue& dma) {
  std::vector<StepTiming> timings;
  for (const Step& step : program.steps) {
    timings.push_back(ScheduleStep(step, program.hardware, start, dma));
    start = timings.back().end;
  }
  return timings;
}

StepTiming ScheduleVector(const VectorWork& work, const HardwareConfig& hardware, int64_t start,
                          TransferQueue& dma) {
  StepTiming t;
  t.start = start;
  if (work.view) {
    t.end = start;
    return t;
  }
  Requests req(dma, t);
  const int64_t read = req.Done(req.Push(Operand::kInputs, work.input_bits, start));
  const int64_t busy = CeilDiv(work.input_elements, hardware.vector_lanes) + kRequantizeCycles;
  const int64_t end = req.Done(req.Push(Operand::kOutputs, work.output_bits, read + busy));
  t.compute = busy;
  t.stall = (read - start) + (end - read - busy);
  Finish(t, end);
  return t;
}

}  // namespace qscale::sim
