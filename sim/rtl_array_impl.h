// The RtlArray of a verilated --sc core class (accel_core / accel_core_os): signals for every
// port, bit packing between the flattened vectors and per-row/per-column values (signed ports
// arrive zero-extended, so every read sign-extends). Included only by rtl_arrays.cc, after the generated headers.
#ifndef QSCALE_SIM_RTL_ARRAY_IMPL_H_
#define QSCALE_SIM_RTL_ARRAY_IMPL_H_

#include <algorithm>
#include <cstdint>
#include <vector>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include <systemc>

#include "sim/rtl_array.h"

namespace qscale::sim {

// The value type of a port member (sc_in<T>& / sc_out<T>&).
template <typename Port>
using PortValue = typename std::remove_reference_t<Port>::data_type;

// A port's bits as 32-bit words, LSB first, so fields are packed with plain integer operations.
class Bits {
 public:
  explicit Bits(int width) : words_((width + 31) / 32, 0u) {}
  // Bits [lsb, lsb + width) set to the low `width` (<= 64) bits of `value`.
  void Put(int lsb, int width, uint64_t value) {
    for (int b = 0; b < width;) {
      const int bit = lsb + b, word = bit / 32, offset = bit % 32;
      const int take = std::min(32 - offset, width - b);
      const uint32_t mask = (take == 32 ? ~0u : ((1u << take) - 1)) << offset;
      words_[word] = (words_[word] & ~mask) | ((static_cast<uint32_t>(value >> b) << offset) & mask);
      b += take;
    }
  }
  // Bits [lsb, lsb + width) (width <= 64), unsigned.
  uint64_t Get(int lsb, int width) const {
    uint64_t value = 0;
    for (int b = 0; b < width;) {
      const int bit = lsb + b, word = bit / 32, offset = bit % 32;
      const int take = std::min(32 - offset, width - b);
      const uint64_t field = (words_[word] >> offset) & (take == 32 ? ~0u : ((1u << take) - 1));
      value |= field << b;
      b += take;
    }
    return value;
  }
  // To and from a port value: bool, an integer, or an sc_bv.
  template <typename T>
  T As() const {
    if constexpr (std::is_same_v<T, bool>) {
      return (words_[0] & 1u) != 0;
    } else if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(words_[0] | (words_.size() > 1 ? uint64_t{words_[1]} << 32 : 0));
    } else {
      T v;
      for (size_t i = 0; i < words_.size(); ++i) v.set_word(static_cast<int>(i), words_[i]);
      return v;
    }
  }
  template <typename T>
  static Bits Of(const T& v, int width) {
    Bits bits(width);
    if constexpr (std::is_same_v<T, bool>) {
      bits.words_[0] = v ? 1u : 0u;
    } else if constexpr (std::is_integral_v<T>) {
      bits.words_[0] = static_cast<uint32_t>(v);
      if (bits.words_.size() > 1) bits.words_[1] = static_cast<uint32_t>(uint64_t(v) >> 32);
    } else {
      for (size_t i = 0; i < bits.words_.size(); ++i) bits.words_[i] = v.get_word(static_cast<int>(i));
    }
    return bits;
  }

 private:
  std::vector<uint32_t> words_;
};

inline int64_t SignExtend(uint64_t raw, int bits) {
  const int shift = 64 - bits;
  return static_cast<int64_t>(raw << shift) >> shift;
}

// The per-column outputs of psum_valid_o / psum_o values.
template <typename Valid, typename Value>
void SampleColumns(const golden::ArrayShape& shape, const Valid& valid, const Value& value,
                   ArrayOutputs& out) {
  const Bits v = Bits::Of(valid, shape.cols);
  const Bits x = Bits::Of(value, shape.cols * shape.acc_bits);
  out.valid.resize(shape.cols);
  out.value.resize(shape.cols);
  for (int c = 0; c < shape.cols; ++c) {
    out.valid[c] = v.Get(c, 1) != 0;
    out.value[c] = SignExtend(x.Get(c * shape.acc_bits, shape.acc_bits), shape.acc_bits);
  }
}

// The decoder bank's ports of a core (decoder_bank.sv), shared by both dataflows.
template <typename Model>
class BankPorts {
 public:
  void Bind(Model& m) {
    m.coding_i(coding_);
    m.code_i(code_);
    m.bits_i(bits_);
    m.scale_i(scale_);
    m.mean_i(mean_);
    m.levels_i(levels_);
    m.lut_we_i(lut_we_);
    m.lut_addr_i(lut_addr_);
    m.lut_data_i(lut_data_);
  }
  void Write(const golden::ArrayShape& shape, const ArrayInputs& in) {
    const int cols = shape.cols, w = shape.weight_bits, p = w - 3;
    const int code_bits = std::max(w, kRtlIndexBits);
    Bits code(cols * code_bits), bits(cols * 5), scale(cols * p), mean(cols * p), lut(cols * w);
    for (int c = 0; c < cols; ++c) {
      code.Put(c * code_bits, code_bits, in.code[c]);
      bits.Put(c * 5, 5, static_cast<uint64_t>(in.bits[c]));
      scale.Put(c * p, p, static_cast<uint64_t>(in.scale[c]));
      mean.Put(c * p, p, static_cast<uint64_t>(in.mean[c]));
      lut.Put(c * w, w, static_cast<uint64_t>(in.lut_data[c]));
    }
    coding_.write(static_cast<PortValue<decltype(Model::coding_i)>>(in.coding));
    code_.write(code.As<PortValue<decltype(Model::code_i)>>());
    bits_.write(bits.As<PortValue<decltype(Model::bits_i)>>());
    scale_.write(scale.As<PortValue<decltype(Model::scale_i)>>());
    mean_.write(mean.As<PortValue<decltype(Model::mean_i)>>());
    levels_.write(static_cast<PortValue<decltype(Model::levels_i)>>(in.levels));
    lut_we_.write(in.lut_we);
    lut_addr_.write(static_cast<PortValue<decltype(Model::lut_addr_i)>>(in.lut_addr));
    lut_data_.write(lut.As<PortValue<decltype(Model::lut_data_i)>>());
  }

 private:
  sc_core::sc_signal<PortValue<decltype(Model::coding_i)>> coding_;
  sc_core::sc_signal<PortValue<decltype(Model::code_i)>> code_;
  sc_core::sc_signal<PortValue<decltype(Model::bits_i)>> bits_;
  sc_core::sc_signal<PortValue<decltype(Model::scale_i)>> scale_;
  sc_core::sc_signal<PortValue<decltype(Model::mean_i)>> mean_;
  sc_core::sc_signal<PortValue<decltype(Model::levels_i)>> levels_;
  sc_core::sc_signal<bool> lut_we_;
  sc_core::sc_signal<PortValue<decltype(Model::lut_addr_i)>> lut_addr_;
  sc_core::sc_signal<PortValue<decltype(Model::lut_data_i)>> lut_data_;
};

// Weight-stationary accel_core (decoder bank -> pe_array).
template <typename Model>
class WsArray : public RtlArray {
 public:
  WsArray(const std::string& name, const golden::ArrayShape& shape,
          sc_core::sc_signal<bool>& clock, sc_core::sc_signal<bool>& reset_n)
      : shape_(shape), model_(name.c_str()) {
    model_.clk_i(clock);
    model_.rst_ni(reset_n);
    model_.quality_i(quality_);
    model_.dec_valid_i(dec_valid_);
    model_.dec_row_i(dec_row_);
    bank_.Bind(model_);
    model_.act_valid_i(act_valid_);
    model_.act_i(act_);
    model_.psum_valid_i(psum_valid_);
    model_.psum_i(psum_);
    model_.psum_valid_o(psum_valid_o_);
    model_.psum_o(psum_o_);
  }
  const golden::ArrayShape& shape() const override { return shape_; }
  bool output_stationary() const override { return false; }

  void Drive(const ArrayInputs& in) override {
    const int rows = shape_.rows, cols = shape_.cols;
    Bits act_valid(rows), act(rows * shape_.act_bits), psum_valid(cols),
        psum(cols * shape_.acc_bits);
    for (int c = 0; c < cols; ++c) {
      psum_valid.Put(c, 1, in.psum_valid[c]);
      psum.Put(c * shape_.acc_bits, shape_.acc_bits, static_cast<uint64_t>(in.psum[c]));
    }
    for (int r = 0; r < rows; ++r) {
      act_valid.Put(r, 1, in.act_valid[r]);
      act.Put(r * shape_.act_bits, shape_.act_bits, static_cast<uint64_t>(in.act[r]));
    }
    quality_.write(static_cast<PortValue<decltype(model_.quality_i)>>(in.quality));
    dec_valid_.write(in.dec_valid);
    dec_row_.write(static_cast<PortValue<decltype(model_.dec_row_i)>>(in.dec_row));
    bank_.Write(shape_, in);
    act_valid_.write(act_valid.As<PortValue<decltype(model_.act_valid_i)>>());
    act_.write(act.As<PortValue<decltype(model_.act_i)>>());
    psum_valid_.write(psum_valid.As<PortValue<decltype(model_.psum_valid_i)>>());
    psum_.write(psum.As<PortValue<decltype(model_.psum_i)>>());
  }

  void Sample(ArrayOutputs& out) const override {
    SampleColumns(shape_, psum_valid_o_.read(), psum_o_.read(), out);
  }


 private:
  golden::ArrayShape shape_;
  Model model_;
  BankPorts<Model> bank_;
  sc_core::sc_signal<PortValue<decltype(model_.quality_i)>> quality_;
  sc_core::sc_signal<bool> dec_valid_;
  sc_core::sc_signal<PortValue<decltype(model_.dec_row_i)>> dec_row_;
  sc_core::sc_signal<PortValue<decltype(model_.act_valid_i)>> act_valid_;
  sc_core::sc_signal<PortValue<decltype(model_.act_i)>> act_;
  sc_core::sc_signal<PortValue<decltype(model_.psum_valid_i)>> psum_valid_;
  sc_core::sc_signal<PortValue<decltype(model_.psum_i)>> psum_;
  sc_core::sc_signal<PortValue<decltype(model_.psum_valid_o)>> psum_valid_o_;
  sc_core::sc_signal<PortValue<decltype(model_.psum_o)>> psum_o_;
};

// Output-stationary accel_core_os (decoder bank -> pe_array_os).
template <typename Model>
class OsArray : public RtlArray {
 public:
  OsArray(const std::string& name, const golden::ArrayShape& shape,
          sc_core::sc_signal<bool>& clock, sc_core::sc_signal<bool>& reset_n)
      : shape_(shape), model_(name.c_str()) {
    model_.clk_i(clock);
    model_.rst_ni(reset_n);
    model_.quality_i(quality_);
    model_.dec_valid_i(dec_valid_);
    bank_.Bind(model_);
    model_.act_valid_i(act_valid_);
    model_.act_i(act_);
    model_.shift_i(shift_);
    model_.psum_i(psum_);
    model_.psum_valid_o(psum_valid_o_);
    model_.psum_o(psum_o_);
  }
  const golden::ArrayShape& shape() const override { return shape_; }
  bool output_stationary() const override { return true; }

  void Drive(const ArrayInputs& in) override {
    const int rows = shape_.rows, cols = shape_.cols;
    Bits dec_valid(cols), act_valid(rows), act(rows * shape_.act_bits),
        psum(cols * shape_.acc_bits);
    for (int c = 0; c < cols; ++c) {
      dec_valid.Put(c, 1, in.col_valid[c]);
      psum.Put(c * shape_.acc_bits, shape_.acc_bits, static_cast<uint64_t>(in.psum[c]));
    }
    for (int r = 0; r < rows; ++r) {
      act_valid.Put(r, 1, in.act_valid[r]);
      act.Put(r * shape_.act_bits, shape_.act_bits, static_cast<uint64_t>(in.act[r]));
    }
    quality_.write(static_cast<PortValue<decltype(model_.quality_i)>>(in.quality));
    dec_valid_.write(dec_valid.As<PortValue<decltype(model_.dec_valid_i)>>());
    bank_.Write(shape_, in);
    act_valid_.write(act_valid.As<PortValue<decltype(model_.act_valid_i)>>());
    act_.write(act.As<PortValue<decltype(model_.act_i)>>());
    shift_.write(in.shift);
    psum_.write(psum.As<PortValue<decltype(model_.psum_i)>>());
  }

  void Sample(ArrayOutputs& out) const override {
    SampleColumns(shape_, psum_valid_o_.read(), psum_o_.read(), out);
  }


 private:
  golden::ArrayShape shape_;
  Model model_;
  BankPorts<Model> bank_;
  sc_core::sc_signal<PortValue<decltype(model_.quality_i)>> quality_;
  sc_core::sc_signal<PortValue<decltype(model_.dec_valid_i)>> dec_valid_;
  sc_core::sc_signal<PortValue<decltype(model_.act_valid_i)>> act_valid_;
  sc_core::sc_signal<PortValue<decltype(model_.act_i)>> act_;
  sc_core::sc_signal<bool> shift_;
  sc_core::sc_signal<PortValue<decltype(model_.psum_i)>> psum_;
  sc_core::sc_signal<PortValue<decltype(model_.psum_valid_o)>> psum_valid_o_;
  sc_core::sc_signal<PortValue<decltype(model_.psum_o)>> psum_o_;
};

}  // namespace qscale::sim

#endif  // QSCALE_SIM_RTL_ARRAY_IMPL_H_
