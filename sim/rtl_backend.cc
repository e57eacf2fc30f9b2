#include "sim/rtl_backend.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <variant>

#include <fmt/format.h>

#include "sim/golden_backend.h"
#include "sim/rtl_array.h"
#include "src/golden/int_kernels.h"
#include "src/golden/layer_decode.h"
#include "src/golden/requantize.h"
#include "src/golden/saturate.h"
#include "src/golden/wrap.h"
#include "src/golden/ws_array.h"

namespace qscale::sim {
namespace {

// A variant runs `hardware` when it has the same array and its ports are at least as wide (the
// timing of exact, csd and SP2 PEs does not depend on the widths; a bit-serial PE's does, so its
// weight width must match).
bool Runs(const RtlArrayVariant& v, const HardwareConfig& hw) {
  const golden::ArrayShape& a = v.shape;
  const golden::ArrayShape& b = hw.shape;
  return v.output_stationary == hw.output_stationary && a.rows == b.rows && a.cols == b.cols &&
         a.kind == b.kind && a.sp2_cols == b.sp2_cols && a.acc_bits == b.acc_bits &&
         a.act_bits >= b.act_bits && a.sp2_code_bits >= b.sp2_code_bits &&
         (b.kind == golden::MulKind::kBitSerial ? a.weight_bits == b.weight_bits
                                                : a.weight_bits >= b.weight_bits);
}

std::string Describe(const golden::ArrayShape& s, bool os) {
  const char* kinds[] = {"exact", "csd", "sp2", "bitserial"};
  return fmt::format("{} {}x{} {}{}, weights {} bits, activations {} bits, accumulator {} bits",
                     os ? "os" : "ws", s.rows, s.cols, kinds[static_cast<int>(s.kind)],
                     s.sp2_cols ? fmt::format(" + {} SP2 columns", s.sp2_cols) : "", s.weight_bits,
                     s.act_bits, s.acc_bits);
}

class RtlBackend : public Backend {
 public:
  RtlBackend(const golden::IntegerEngine& engine, const HardwareConfig& hw,
             const RtlArrayVariant& variant, VcdTrace* trace)
      : engine_(engine), trace_(trace), hw_(hw), array_(variant.make()), shape_(array_->shape()) {
    if (trace_) trace_->DeclareArray(shape_, variant.output_stationary);
    array_->Reset();
  }

  bool NeedsBlockTimings() const override { return true; }

  void Run(const Step& step, const StepTiming& timing, int images, Values& values) override {
    const auto* work = std::get_if<ArrayWork>(&step);
    if (!work) {
      GoldenBackend::RunOp(engine_, std::get<VectorWork>(step).op, images, values);
      return;
    }
    Prepare(*work, images, values);
    PrepareDecoders(*work);
    if (hw_.output_stationary) {
      RunOs(*work, timing);
    } else {
      RunWs(*work, timing);
    }
    if (expected_ != received_) {
      throw std::runtime_error(fmt::format(
          "rtl: layer \"{}\": the array raised {} of the {} results the schedule predicts",
          work->name, received_, expected_));
    }
  }

 private:
  // The layer's operands: im2col of the input (k-major: col[k * m + vector]), output buffer.
  void Prepare(const ArrayWork& w, int images, Values& values) {
    op_ = &engine_.network().ops.at(w.op);
    const qnn::Value& in = engine_.network().values[op_->inputs[0]];
    const qnn::Value& out = engine_.network().values[op_->output];
    const std::vector<int32_t>& x = values.at(op_->inputs[0]);
    m_ = w.m;
    pixels_ = w.m / images;
    col_.assign(static_cast<size_t>(w.k) * w.m, 0);
    if (op_->kind == qnn::OpKind::kConv) {
      golden::Im2Col(*op_, in.shape, out.shape, images, x.data(), col_.data());
    } else {
      for (int64_t v = 0; v < w.m; ++v) {
        for (int k = 0; k < w.k; ++k) col_[static_cast<size_t>(k) * w.m + v] = x[v * w.k + k];
      }
    }
    out_ = &values.at(op_->output);
    out_->assign(static_cast<size_t>(images * qnn::NumElements(out.shape)), 0);
    out_bits_ = out.bits;
    expected_ = received_ = 0;
  }

  // The layer's decoder-bank settings (coding, NUUQ levels), checked against the bank's widths.
  void PrepareDecoders(const ArrayWork& w) {
    const qnn::Layer& layer = op_->layer;
    coding_ = static_cast<int>(qnn::CodingOf(layer));
    levels_ = 0;
    const int max_bits = shape_.weight_bits;
    auto fail = [&](const std::string& what) {
      throw std::runtime_error(fmt::format(
          "rtl: layer \"{}\": {} does not fit the verilated decoder bank ({}-bit weights, "
          "{}-bit QSQ parameters, {}-bit NUUQ indices); use sim.fidelity fast",
          w.name, what, max_bits, max_bits - 3, kRtlIndexBits));
    };
    if (const auto* c = std::get_if<qnn::IntCoding>(&layer.code)) {
      if (c->bits > max_bits) fail(fmt::format("{}-bit weights", c->bits));
    } else if (const auto* q = std::get_if<qnn::QsqCoding>(&layer.code)) {
      if (q->param_bits > max_bits - 3) fail(fmt::format("{}-bit QSQ parameters", q->param_bits));
    } else if (const auto* n = std::get_if<qnn::NuuqCoding>(&layer.code)) {
      if (n->levels > (1 << kRtlIndexBits)) fail(fmt::format("{} NUUQ levels", n->levels));
      if (n->grid_bits > max_bits) fail(fmt::format("a {}-bit NUUQ grid", n->grid_bits));
      levels_ = n->levels;
    }
  }

  // Column `col`'s decoder-bank inputs for weight k of output channel `channel` (-1: idle
  // column; k beyond the layer: a padding row). Idle and padding positions get a code that
  // decodes to 0 (NUUQ: an index >= N, when N < 2^IndexBits).
  void PutCode(ArrayInputs& in, int col, int channel, int64_t k) const {
    const qnn::Layer& layer = op_->layer;
    const bool real = channel >= 0 && k < layer.k;
    const size_t at = real ? static_cast<size_t>(channel) * layer.k + k : 0;
    uint32_t code = 0;
    int bits = 1, scale = 0, mean = 0;
    if (const auto* c = std::get_if<qnn::IntCoding>(&layer.code)) {
      bits = c->bits;
      if (real) code = golden::WrapUnsigned(layer.weights[at], bits);
    } else if (const auto* q = std::get_if<qnn::QsqCoding>(&layer.code)) {
      if (real) {
        const int v = golden::QsqVectorOf(*q, channel, static_cast<int>(k), layer.k);
        code = q->codes[at] & 7u;
        scale = q->scales[v];
        mean = q->mean ? q->means[v] : 0;
      }
    } else if (const auto* n = std::get_if<qnn::NuuqCoding>(&layer.code)) {
      code = real ? n->indices[at] : (n->levels < (1 << kRtlIndexBits) ? n->levels : 0);
    } else {
      const auto& m = std::get<qnn::MsqCoding>(layer.code);
      bits = real ? m.row_bits[channel] : m.bits;
      if (real) code = m.codes[at] & ((1u << bits) - 1);
    }
    in.code[col] = code;
    in.bits[col] = bits;
    in.scale[col] = scale;
    in.mean[col] = mean;
  }

  // True when block (fold / tile) `i` reloads the decoders' tables first, as the schedule has it.
  bool NewTables(const ArrayWork& w, size_t i, bool group_start) const {
    return w.decoder_setup_cycles > 0 &&
           (i == 0 || (w.decoder_tables_per_block && group_start && w.columns.size() > 1));
  }

  // The table-load inputs of cycle entry `entry` of a reload for the columns' `channels`.
  void PutTableRow(ArrayInputs& in, const std::vector<int>& channels, int entry) const {
    const auto& n = std::get<qnn::NuuqCoding>(op_->layer.code);
    in.lut_we = true;
    in.lut_addr = entry;
    for (size_t c = 0; c < channels.size(); ++c) {
      const int channel = channels[c];
      const std::vector<int32_t>* lut =
          n.per_channel ? (channel >= 0 ? &n.luts[channel] : nullptr) : &n.luts[0];
      in.lut_data[c] = lut ? golden::WrapSigned((*lut)[entry], n.grid_bits) : 0;
    }
  }

  int32_t Act(int64_t k, int64_t vector) const {
    return k < op_->layer.k ? col_[static_cast<size_t>(k) * m_ + vector] : 0;
  }

  int64_t Bias(int channel) const {
    return channel >= 0 ? golden::Saturate(op_->layer.bias[channel], shape_.acc_bits) : 0;
  }

  // The requantized result of (vector, channel) into the layer's output.
  void Finish(int64_t vector, int channel, int64_t acc) {
    const qnn::Requant& rq = op_->layer.requant[channel];
    int32_t v = golden::Requantize(acc, rq.multiplier, rq.shift, 0, out_bits_);
    if (op_->relu) v = std::max(v, 0);
    const int64_t image = vector / pixels_, pixel = vector % pixels_;
    (*out_)[static_cast<size_t>((image * op_->layer.rows + channel) * pixels_ + pixel)] = v;
    ++received_;
  }

  // Resets `in` to an idle cycle's inputs (no allocation once sized).
  void Idle(ArrayInputs& in) const {
    in.quality = hw_.csd_quality;
    in.coding = coding_;
    in.levels = levels_;
    in.dec_valid = false;
    in.dec_row = 0;
    in.lut_we = false;
    in.lut_addr = 0;
    in.shift = false;
    in.col_valid.assign(shape_.cols, false);
    in.code.assign(shape_.cols, 0);
    in.bits.assign(shape_.cols, 1);
    in.scale.assign(shape_.cols, 0);
    in.mean.assign(shape_.cols, 0);
    in.lut_data.assign(shape_.cols, 0);
    in.act_valid.assign(shape_.rows, false);
    in.act.assign(shape_.rows, 0);
    in.psum_valid.assign(shape_.cols, false);
    in.psum.assign(shape_.cols, 0);
  }

  // Weight stationary. Row r of a fold is decoded in load_start + r - 1 (kDecoderCycles before
  // the load port); a table reload writes entry e in first - 2 - setup + e, right before row 0.
  void RunWs(const ArrayWork& w, const StepTiming& timing) {
    const int64_t rows = shape_.rows, cols = shape_.cols;
    const int64_t ii = golden::StepInterval(hw_.shape), latency = golden::MulLatency(hw_.shape);
    const int64_t setup = w.decoder_setup_cycles;
    const std::vector<BlockTiming>& folds = timing.blocks;
    std::vector<int64_t> begin(folds.size()), table_at(folds.size(), -1);
    int64_t last = 0;
    for (size_t i = 0; i < folds.size(); ++i) {
      const BlockTiming& f = folds[i];
      last = std::max(last, f.last_output);
      begin[i] = f.start - kDecoderCycles;
      if (NewTables(w, i, f.k_block == 0)) {
        table_at[i] = f.first - 1 - kDecoderCycles - setup;
        begin[i] = table_at[i];
      }
      if (f.k_block == w.k_blocks - 1) {
        for (int c = 0; c < cols; ++c) expected_ += f.vectors * (w.columns[f.block][c] >= 0);
      }
    }
    // Partial sums between the k folds of a group, [vector][col]: the output buffer's role. A
    // group's folds run in k order and each partial is written before the next fold reads it.
    std::vector<int64_t> partial(static_cast<size_t>(w.m_tile * cols), 0);
    ArrayOutputs outputs;
    size_t lo = 0;
    for (int64_t t = begin.front(); t <= last; ++t) {
      while (lo < folds.size() && folds[lo].last_output < t) ++lo;
      ArrayInputs& in = inputs_;
      Idle(in);
      for (size_t i = lo; i < folds.size() && begin[i] <= t; ++i) {
        const BlockTiming& f = folds[i];
        const std::vector<int>& channels = w.columns[f.block];
        if (table_at[i] >= 0 && t >= table_at[i] && t < table_at[i] + setup) {
          PutTableRow(in, channels, static_cast<int>(t - table_at[i]));
        }
        const int64_t dec_row = t - (f.start - kDecoderCycles);
        if (dec_row >= 0 && dec_row < rows) {
          in.dec_valid = true;
          in.dec_row = static_cast<int>(dec_row);
          const int64_t k = int64_t{f.k_block} * rows + dec_row;
          for (int c = 0; c < cols; ++c) PutCode(in, c, channels[c], k);
        }
        if (t < f.start) continue;
        for (int r = 0; r < rows; ++r) {
          const int64_t d = t - f.first - r;
          if (d < 0 || d % ii != 0 || d / ii >= f.vectors) continue;
          in.act_valid[r] = true;
          in.act[r] = Act(int64_t{f.k_block} * rows + r, f.first_vector + d / ii);
        }
        for (int c = 0; c < cols; ++c) {
          const int64_t d = t - f.first - c - latency;
          if (d < 0 || d % ii != 0 || d / ii >= f.vectors) continue;
          in.psum_valid[c] = true;
          in.psum[c] = f.k_block == 0 ? Bias(channels[c]) : partial[(d / ii) * cols + c];
        }
      }
      DriveAndSample(t, in, outputs);
      for (size_t i = lo; i < folds.size() && folds[i].start <= t; ++i) {
        const BlockTiming& f = folds[i];
        const std::vector<int>& channels = w.columns[f.block];
        for (int c = 0; c < cols; ++c) {
          if (!outputs.valid[c]) continue;
          const int64_t d = t - f.first - rows - c - latency;
          if (d < 0 || d % ii != 0 || d / ii >= f.vectors) continue;
          outputs.valid[c] = false;  // attributed
          const int64_t m = d / ii;
          if (f.k_block < w.k_blocks - 1) {
            partial[m * cols + c] = outputs.value[c];
          } else if (channels[c] >= 0) {
            Finish(f.first_vector + m, channels[c], outputs.value[c]);
          }
        }
      }
      RequireAttributed(w, outputs, t);
    }
  }

  // Output stationary. w[k][c] is decoded in T + k II + c - 1 (kDecoderCycles before it enters
  // column c); a table reload writes entry e in T - 1 - setup + e, right before the first code.
  void RunOs(const ArrayWork& w, const StepTiming& timing) {
    const int64_t rows = shape_.rows, cols = shape_.cols, k_steps = w.k;
    const int64_t ii = golden::StepInterval(hw_.shape);
    const int64_t setup = w.decoder_setup_cycles;
    const std::vector<BlockTiming>& tiles = timing.blocks;
    std::vector<std::pair<int64_t, size_t>> tables;  // (first write cycle, tile), in time order
    for (size_t i = 0; i < tiles.size(); ++i) {
      const BlockTiming& tile = tiles[i];
      for (int c = 0; c < cols; ++c) expected_ += tile.vectors * (w.columns[tile.block][c] >= 0);
      if (NewTables(w, i, tile.first_vector == int64_t{tile.m_tile} * w.m_tile)) {
        tables.emplace_back(tile.first - kDecoderCycles - setup, i);
      }
    }
    // Shift windows: tile i's shift starts its run and drains tile i-1; a last shift drains the
    // last tile.
    std::vector<int64_t> shifts;
    for (const BlockTiming& tile : tiles) shifts.push_back(tile.start);
    shifts.push_back(tiles.back().last_output - (rows - 1));
    ArrayOutputs outputs;
    size_t current = 0;  // the latest tile whose shift has begun
    size_t table = 0;    // the next (or current) table reload
    const int64_t begin =
        tables.empty() ? tiles.front().start : std::min(tiles.front().start, tables.front().first);
    for (int64_t t = begin; t <= tiles.back().last_output; ++t) {
      while (current + 1 < shifts.size() && shifts[current + 1] <= t) ++current;
      ArrayInputs& in = inputs_;
      Idle(in);
      while (table < tables.size() && tables[table].first + setup <= t) ++table;
      if (table < tables.size() && t >= tables[table].first) {
        const BlockTiming& tile = tiles[tables[table].second];
        PutTableRow(in, w.columns[tile.block], static_cast<int>(t - tables[table].first));
      }
      if (t < tiles.front().start) {
        DriveAndSample(t, in, outputs);
        RequireAttributed(w, outputs, t);
        continue;
      }
      const int64_t shift_at = shifts[current];
      const bool shifting = t < shift_at + rows;
      const int64_t shift_row = rows - 1 - (t - shift_at);  // the row entering / leaving now
      if (shifting) {
        in.shift = true;
        if (current < tiles.size()) {
          const BlockTiming& tile = tiles[current];
          for (int c = 0; c < cols; ++c) {
            in.psum[c] = shift_row < tile.vectors ? Bias(w.columns[tile.block][c]) : 0;
          }
        }
      }
      if (current < tiles.size() && t >= tiles[current].first - kDecoderCycles) {
        const BlockTiming& tile = tiles[current];
        const std::vector<int>& channels = w.columns[tile.block];
        for (int r = 0; r < rows; ++r) {
          const int64_t d = t - tile.first - r;
          if (d < 0 || d % ii != 0 || d / ii >= k_steps) continue;
          in.act_valid[r] = true;
          in.act[r] = r < tile.vectors ? Act(d / ii, tile.first_vector + r) : 0;
        }
        for (int c = 0; c < cols; ++c) {
          const int64_t d = t + kDecoderCycles - tile.first - c;
          if (d < 0 || d % ii != 0 || d / ii >= k_steps) continue;
          in.col_valid[c] = true;
          PutCode(in, c, channels[c], d / ii);
        }
      }
      DriveAndSample(t, in, outputs);
      if (shifting && current > 0) {
        const BlockTiming& done = tiles[current - 1];
        for (int c = 0; c < cols; ++c) {
          if (!outputs.valid[c]) continue;
          outputs.valid[c] = false;
          const int channel = w.columns[done.block][c];
          if (shift_row < done.vectors && channel >= 0) {
            Finish(done.first_vector + shift_row, channel, outputs.value[c]);
          }
        }
      }
      RequireAttributed(w, outputs, t);
    }
  }

  // Cycle t: drives its inputs, reads its outputs as the model settles them (an output may
  // depend on the cycle's inputs, e.g. psum_valid_o on shift_i), then clocks the edge ending it.
  void DriveAndSample(int64_t t, const ArrayInputs& in, ArrayOutputs& outputs) {
    array_->Drive(in);
    array_->Sample(outputs);
    if (trace_ && trace_->Wants(t)) trace_->Record(t, in, outputs);
    array_->Edge();
  }

  // Throws if a result left the array in a cycle the schedule gives none for.
  static void RequireAttributed(const ArrayWork& w, const ArrayOutputs& outputs, int64_t t) {
    for (size_t c = 0; c < outputs.valid.size(); ++c) {
      if (outputs.valid[c]) {
        throw std::runtime_error(fmt::format(
            "rtl: layer \"{}\": column {} raised a result in cycle {} where the schedule has "
            "none",
            w.name, c, t));
      }
    }
  }

  const golden::IntegerEngine& engine_;
  VcdTrace* trace_;
  HardwareConfig hw_;
  std::unique_ptr<RtlArray> array_;
  golden::ArrayShape shape_;  // the verilated array's (ports may be wider than hw_.shape's)
  ArrayInputs inputs_;        // the current cycle's, reused

  const qnn::Op* op_ = nullptr;
  int64_t m_ = 0;
  int64_t pixels_ = 1;
  std::vector<int32_t> col_;
  std::vector<int32_t>* out_ = nullptr;
  int out_bits_ = 8;
  int64_t expected_ = 0;
  int64_t received_ = 0;
  int coding_ = 0;  // qnn::WeightCoding of the layer
  int levels_ = 0;  // NUUQ N
};

}  // namespace

std::vector<std::string> BuiltRtlArrays() {
  std::vector<std::string> names;
  for (const RtlArrayVariant& v : RtlArrayVariants()) {
    names.push_back(v.name + " (" + Describe(v.shape, v.output_stationary) + ")");
  }
  return names;
}

std::unique_ptr<Backend> MakeRtlBackend(const golden::IntegerEngine& engine,
                                        const HardwareConfig& hardware, VcdTrace* trace) {
  for (const RtlArrayVariant& v : RtlArrayVariants()) {
    if (Runs(v, hardware)) return std::make_unique<RtlBackend>(engine, hardware, v, trace);
  }
  std::string built;
  for (const std::string& name : BuiltRtlArrays()) built += "\n  " + name;
  throw std::invalid_argument(fmt::format(
      "sim.fidelity rtl: no verilated array of this build runs a {}; the built ones are:{}\n"
      "use sim.fidelity fast, or add the variant to QSCALE_SIM_ARRAYS in sim/CMakeLists.txt",
      Describe(hardware.shape, hardware.output_stationary), built));
}

}  // namespace qscale::sim
