// The RtlArray of a verilated --cc core class (accel_core / accel_core_os): the model and its
// context, and the packing between per-row/per-column values and the flattened ports
// (sim/verilated_port.h). Included only by the generated rtl_arrays.cc, after the generated
// headers.
#ifndef QSCALE_SIM_RTL_ARRAY_IMPL_H_
#define QSCALE_SIM_RTL_ARRAY_IMPL_H_

#include <algorithm>
#include <string>

#include "sim/rtl_array.h"
#include "sim/verilated_port.h"
#include "verilated.h"

namespace qscale::sim {

// A core's ports both dataflows share: the decoder bank's (decoder_bank.sv), quality_i, the
// activations, and the columns' results.
template <typename Model>
void DriveShared(const golden::ArrayShape& shape, const ArrayInputs& in, Model& m) {
  const int cols = shape.cols, w = shape.weight_bits, p = w - 3;
  PackFields(m.code_i, std::max(w, kRtlIndexBits), cols, in.code.data());
  PackFields(m.bits_i, 5, cols, in.bits.data());
  PackFields(m.scale_i, p, cols, in.scale.data());
  PackFields(m.mean_i, p, cols, in.mean.data());
  PackFields(m.lut_data_i, w, cols, in.lut_data.data());
  SetField(m.quality_i, 0, 8 * sizeof(m.quality_i), in.quality);
  SetField(m.coding_i, 0, 8 * sizeof(m.coding_i), in.coding);
  SetField(m.levels_i, 0, 8 * sizeof(m.levels_i), in.levels);
  m.lut_we_i = in.lut_we;
  SetField(m.lut_addr_i, 0, 8 * sizeof(m.lut_addr_i), in.lut_addr);
  PackFields(m.act_valid_i, 1, shape.rows, in.act_valid.data());
  PackFields(m.act_i, shape.act_bits, shape.rows, in.act.data());
}

// psum_valid_o / psum_o per column, sign-extended.
template <typename Model>
void SampleColumns(const golden::ArrayShape& shape, const Model& m, ArrayOutputs& out) {
  out.valid.resize(shape.cols);
  out.value.resize(shape.cols);
  for (int c = 0; c < shape.cols; ++c) {
    out.valid[c] = GetField(m.psum_valid_o, c, 1) != 0;
    out.value[c] = GetSigned(m.psum_o, c * shape.acc_bits, shape.acc_bits);
  }
}

// One --cc core with a context of its own; Ws / Os add their dataflow's ports.
template <typename Model>
class CcCore : public RtlArray {
 public:
  CcCore(const std::string& name, const golden::ArrayShape& shape)
      : shape_(shape), model_(&context_, name.c_str()) {}
  const golden::ArrayShape& shape() const override { return shape_; }
  void Reset() override { sim::Reset(model_); }
  void Sample(ArrayOutputs& out) const override { SampleColumns(shape_, model_, out); }
  void Edge() override { sim::Edge(model_); }

 protected:
  golden::ArrayShape shape_;
  VerilatedContext context_;
  Model model_;
};

// Weight-stationary accel_core (decoder bank -> pe_array).
template <typename Model>
class WsArray : public CcCore<Model> {
 public:
  using CcCore<Model>::CcCore;
  bool output_stationary() const override { return false; }
  void Drive(const ArrayInputs& in) override {
    Model& m = this->model_;
    const golden::ArrayShape& shape = this->shape_;
    DriveShared(shape, in, m);
    m.dec_valid_i = in.dec_valid;
    SetField(m.dec_row_i, 0, 8 * sizeof(m.dec_row_i), in.dec_row);
    PackFields(m.psum_valid_i, 1, shape.cols, in.psum_valid.data());
    PackFields(m.psum_i, shape.acc_bits, shape.cols, in.psum.data());
    Settle(m);
  }
};

// Output-stationary accel_core_os (decoder bank -> pe_array_os).
template <typename Model>
class OsArray : public CcCore<Model> {
 public:
  using CcCore<Model>::CcCore;
  bool output_stationary() const override { return true; }
  void Drive(const ArrayInputs& in) override {
    Model& m = this->model_;
    const golden::ArrayShape& shape = this->shape_;
    DriveShared(shape, in, m);
    m.shift_i = in.shift;
    PackFields(m.dec_valid_i, 1, shape.cols, in.col_valid.data());
    PackFields(m.psum_i, shape.acc_bits, shape.cols, in.psum.data());
    Settle(m);
  }
};

}  // namespace qscale::sim

#endif  // QSCALE_SIM_RTL_ARRAY_IMPL_H_
