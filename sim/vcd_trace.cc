#include "sim/vcd_trace.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/rtl_array.h"

namespace qscale::sim {
namespace {

// VCD identifier codes: printable characters '!' .. '~', little-endian base 94.
std::string Code(size_t index) {
  std::string id;
  do {
    id += static_cast<char>('!' + index % 94);
    index /= 94;
  } while (index > 0);
  return id;
}

uint64_t Low(int64_t value, int width) {
  return width >= 64 ? static_cast<uint64_t>(value)
                     : static_cast<uint64_t>(value) & ((uint64_t{1} << width) - 1);
}

}  // namespace

VcdTrace::VcdTrace(const std::string& path, int64_t first, int64_t last, int64_t period_ps)
    : path_(path), temp_(path + ".partial"), first_(first), last_(last) {
  out_.open(temp_, std::ios::trunc);
  if (!out_) throw std::runtime_error(fmt::format("{}: cannot write the trace file", path));
  out_ << "$version qscale rtl array trace $end\n"
       << "$timescale " << period_ps << " ps $end\n";
}

void VcdTrace::DeclareArray(const golden::ArrayShape& shape, bool os) {
  shape_ = shape;
  os_ = os;
  declared_ = true;
  out_ << "$scope module " << (os ? "accel_core_os" : "accel_core") << " $end\n";
  if (!os) {
    Declare("dec_valid_i", 1);
    Declare("dec_row_i", golden::RowIndexBits(shape.rows));
  } else {
    Declare("shift_i", 1);
  }
  Declare("lut_we_i", 1);
  for (int c = 0; c < shape.cols; ++c) {
    if (os) Declare(fmt::format("dec_valid_{}", c), 1);
    Declare(fmt::format("code_{}", c), std::max(shape.weight_bits, kRtlIndexBits));
  }
  for (int r = 0; r < shape.rows; ++r) {
    Declare(fmt::format("act_valid_{}", r), 1);
    Declare(fmt::format("act_{}", r), shape.act_bits);
  }
  for (int c = 0; c < shape.cols; ++c) {
    if (!os) Declare(fmt::format("psum_valid_i_{}", c), 1);
    Declare(fmt::format("psum_i_{}", c), shape.acc_bits);
    Declare(fmt::format("psum_valid_o_{}", c), 1);
    Declare(fmt::format("psum_o_{}", c), shape.acc_bits);
  }
  out_ << "$upscope $end\n$enddefinitions $end\n";
}

VcdTrace::~VcdTrace() {
  if (!closed_) {
    out_.close();
    std::remove(temp_.c_str());
  }
}

void VcdTrace::Declare(const std::string& name, int width) {
  Signal s;
  s.id = Code(signals_.size());
  s.width = width;
  out_ << "$var wire " << width << " " << s.id << " " << name << " $end\n";
  signals_.push_back(s);
}

void VcdTrace::Change(size_t index, uint64_t value) {
  Signal& s = signals_[index];
  if (value == s.last) return;
  s.last = value;
  if (s.width == 1) {
    out_ << (value & 1) << s.id << "\n";
    return;
  }
  out_ << 'b';
  for (int b = s.width - 1; b >= 0; --b) out_ << ((value >> b) & 1);
  out_ << ' ' << s.id << "\n";
}

void VcdTrace::Record(int64_t cycle, const ArrayInputs& in, const ArrayOutputs& out) {
  if (!Wants(cycle) || closed_ || !declared_) return;
  out_ << '#' << cycle << "\n";
  time_ = cycle;
  size_t i = 0;
  if (!os_) {
    Change(i++, in.dec_valid);
    Change(i++, Low(in.dec_row, 8));
  } else {
    Change(i++, in.shift);
  }
  Change(i++, in.lut_we);
  for (int c = 0; c < shape_.cols; ++c) {
    if (os_) Change(i++, in.col_valid[c]);
    Change(i++, Low(in.code[c], 16));
  }
  for (int r = 0; r < shape_.rows; ++r) {
    Change(i++, in.act_valid[r]);
    Change(i++, Low(in.act[r], shape_.act_bits));
  }
  for (int c = 0; c < shape_.cols; ++c) {
    if (!os_) Change(i++, in.psum_valid[c]);
    Change(i++, Low(in.psum[c], shape_.acc_bits));
    Change(i++, out.valid[c]);
    Change(i++, Low(out.value[c], shape_.acc_bits));
  }
}

void VcdTrace::Close() {
  if (closed_) return;
  out_ << '#' << (time_ + 1) << "\n";
  out_.close();
  if (!out_ || std::rename(temp_.c_str(), path_.c_str()) != 0) {
    throw std::runtime_error(fmt::format("{}: cannot write the trace file", path_));
  }
  closed_ = true;
}

}  // namespace qscale::sim
