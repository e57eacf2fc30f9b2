#include "src/driver/lowering.h"

#include <algorithm>
#include <stdexcept>
#include <variant>

#include <fmt/format.h>

#include "src/config/consistency.h"

namespace qscale::driver {
namespace {

int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

// Assigns the layer's rows to columns: SP2 rows to columns 0..sp2_cols-1, the others to the rest,
// block after block.
std::vector<std::vector<int>> ColumnBlocks(const qnn::Op& op, const golden::ArrayShape& shape) {
  std::vector<int> sp2_rows, mul_rows;
  for (int r = 0; r < op.layer.rows; ++r) {
    (op.layer.row_kind[r] == qnn::RowKind::kSp2 ? sp2_rows : mul_rows).push_back(r);
  }
  const int sp2_cols = shape.sp2_cols, mul_cols = shape.cols - shape.sp2_cols;
  if (!sp2_rows.empty() && sp2_cols == 0) {
    throw std::invalid_argument(fmt::format(
        "layer \"{}\" has {} SP2 rows but the array has no SP2 columns (quant.msq.sp2_ratio x "
        "accelerator.cols rounds to 0)",
        op.name, sp2_rows.size()));
  }
  if (!mul_rows.empty() && mul_cols == 0) {
    throw std::invalid_argument(fmt::format(
        "layer \"{}\" has {} multiplier rows but every column of the array is SP2 (lower "
        "quant.msq.sp2_ratio)",
        op.name, mul_rows.size()));
  }
  const int64_t blocks =
      std::max(sp2_cols ? CeilDiv(static_cast<int64_t>(sp2_rows.size()), sp2_cols) : 0,
               mul_cols ? CeilDiv(static_cast<int64_t>(mul_rows.size()), mul_cols) : 0);
  std::vector<std::vector<int>> columns(blocks, std::vector<int>(shape.cols, -1));
  for (size_t i = 0; i < sp2_rows.size(); ++i) columns[i / sp2_cols][i % sp2_cols] = sp2_rows[i];
  for (size_t i = 0; i < mul_rows.size(); ++i) {
    columns[i / mul_cols][sp2_cols + i % mul_cols] = mul_rows[i];
  }
  return columns;
}

sim::ArrayWork LowerArrayOp(const qnn::Network& network, size_t index,
                            const sim::HardwareConfig& hw, int images) {
  const qnn::Op& op = network.ops[index];
  const qnn::Value& in = network.values[op.inputs[0]];
  const qnn::Value& out = network.values[op.output];
  sim::ArrayWork w;
  w.op = static_cast<int>(index);
  w.name = op.name;
  const int64_t pixels = op.kind == qnn::OpKind::kConv ? int64_t{out.shape[1]} * out.shape[2] : 1;
  w.m = pixels * images;
  w.k = op.layer.k;
  w.n = op.layer.rows;
  w.columns = ColumnBlocks(op, hw.shape);
  w.k_blocks = hw.output_stationary ? 1 : static_cast<int>(CeilDiv(w.k, hw.shape.rows));
  w.weight_bits = op.layer.storage.Total();
  w.weights_resident = w.weight_bits <= hw.weight_buffer_bits / 2;
  w.input_act_bits = in.bits;
  w.output_act_bits = out.bits;
  w.input_bits = qnn::NumElements(in.shape) * images * in.bits;
  w.output_bits = qnn::NumElements(out.shape) * images * out.bits;

  // M tiles: a tile's inputs fit half the input buffer; its partial sums (ws, at the
  // accumulator's width) or outputs (os) fit half the output buffer.
  const int64_t input_per_vector = CeilDiv(w.input_bits, w.m);
  const int64_t output_per_vector =
      int64_t{hw.shape.cols} * (hw.output_stationary ? out.bits : hw.shape.acc_bits);
  const int64_t by_input = hw.input_buffer_bits / 2 / input_per_vector;
  const int64_t by_output = hw.output_buffer_bits / 2 / output_per_vector;
  if (by_input < 1) {
    throw std::invalid_argument(fmt::format(
        "layer \"{}\": one output pixel reads {} input bits but half the input buffer holds {}; "
        "raise accelerator.sram.input_kib",
        op.name, input_per_vector, hw.input_buffer_bits / 2));
  }
  if (by_output < 1) {
    throw std::invalid_argument(fmt::format(
        "layer \"{}\": one output vector needs {} bits but half the output buffer holds {}; "
        "raise accelerator.sram.output_kib",
        op.name, output_per_vector, hw.output_buffer_bits / 2));
  }
  w.m_tile = std::min({w.m, by_input, by_output});
  w.m_tiles = static_cast<int>(CeilDiv(w.m, w.m_tile));

  if (const auto* nuuq = std::get_if<qnn::NuuqCoding>(&op.layer.code)) {
    w.decoder_setup_cycles = nuuq->levels;
    w.decoder_tables_per_block = nuuq->per_channel;
  }
  return w;
}

}  // namespace

golden::MulKind MultiplierKindOf(const config::AcceleratorSpec& accelerator,
                                 const config::QuantSpec& quant) {
  if (quant.scheme == config::QuantScheme::kMsq) return golden::MulKind::kExact;
  switch (accelerator.multiplier) {
    case config::MultiplierKind::kCsd:
      return golden::MulKind::kCsd;
    case config::MultiplierKind::kBitserial:
      return golden::MulKind::kBitSerial;
    case config::MultiplierKind::kExact:
    case config::MultiplierKind::kSp2:
      break;
  }
  return golden::MulKind::kExact;
}

sim::HardwareConfig HardwareFor(const config::AcceleratorSpec& accelerator,
                                const config::QuantSpec& quant, const qnn::Network& network) {
  sim::HardwareConfig hw;
  golden::ArrayShape& shape = hw.shape;
  shape.rows = accelerator.rows;
  shape.cols = accelerator.cols;
  shape.kind = MultiplierKindOf(accelerator, quant);
  if (quant.scheme == config::QuantScheme::kMsq) {
    shape.sp2_cols = config::Sp2Columns(quant.msq.sp2_ratio, accelerator.cols);
  }
  int act_bits = 2, weight_bits = 2, sp2_bits = 3;
  for (const qnn::Value& value : network.values) act_bits = std::max(act_bits, value.bits);
  for (const qnn::Op& op : network.ops) {
    if (!qnn::IsArrayOp(op.kind)) continue;
    const auto* msq_code = std::get_if<qnn::MsqCoding>(&op.layer.code);
    for (int r = 0; r < op.layer.rows; ++r) {
      if (op.layer.row_kind[r] == qnn::RowKind::kSp2) {
        sp2_bits = std::max<int>(sp2_bits, msq_code ? msq_code->row_bits[r] : 4);
      } else {
        weight_bits = std::max(weight_bits, op.layer.row_weight_bits[r]);
      }
    }
  }
  shape.act_bits = act_bits;
  shape.weight_bits = weight_bits;
  shape.sp2_code_bits = std::max(sp2_bits, 4);
  if (accelerator.accumulator_bits > golden::kArrayMaxAccBits) {
    throw std::invalid_argument(fmt::format("accelerator.accumulator_bits {}: the array supports "
                                            "at most {} bits",
                                            accelerator.accumulator_bits,
                                            golden::kArrayMaxAccBits));
  }
  shape.acc_bits = accelerator.accumulator_bits;
  golden::ValidateArrayShape(shape);
  hw.output_stationary = accelerator.dataflow == config::Dataflow::kOs;
  hw.csd_quality = accelerator.csd_quality;
  hw.dram_bytes_per_cycle = accelerator.dram.bytes_per_cycle;
  hw.dram_latency_cycles = accelerator.dram.latency_cycles;
  hw.weight_buffer_bits = int64_t{accelerator.sram.weight_kib} * 1024 * 8;
  hw.input_buffer_bits = int64_t{accelerator.sram.input_kib} * 1024 * 8;
  hw.output_buffer_bits = int64_t{accelerator.sram.output_kib} * 1024 * 8;
  hw.vector_lanes = accelerator.cols;
  return hw;
}

sim::Program Lower(const qnn::Network& network, const sim::HardwareConfig& hardware, int images) {
  if (images < 1) throw std::invalid_argument("Lower: a batch needs at least one image");
  sim::Program program;
  program.hardware = hardware;
  program.images = images;
  for (size_t i = 0; i < network.ops.size(); ++i) {
    const qnn::Op& op = network.ops[i];
    if (qnn::IsArrayOp(op.kind)) {
      program.steps.emplace_back(LowerArrayOp(network, i, hardware, images));
      continue;
    }
    sim::VectorWork v;
    v.op = static_cast<int>(i);
    v.name = op.name;
    if (op.kind == qnn::OpKind::kFlatten) {
      v.view = true;
      program.steps.emplace_back(v);
      continue;
    }
    for (int value : op.inputs) {
      const qnn::Value& in = network.values[value];
      v.input_elements += qnn::NumElements(in.shape) * images;
      v.input_bits += qnn::NumElements(in.shape) * images * in.bits;
    }
    const qnn::Value& out = network.values[op.output];
    v.output_elements = qnn::NumElements(out.shape) * images;
    v.output_bits = v.output_elements * out.bits;
    program.steps.emplace_back(v);
  }
  return program;
}

}  // namespace qscale::driver
