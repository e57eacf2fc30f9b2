// A VCD waveform of the verilated core's ports (decoder bank codes, array activations and
// partial sums) over a window of cycles (`qscale run --trace`), one signal per row and column
// lane: what the rtl backend drove and what the array raised, one
// time step per clock cycle (timescale = the clock period). Plain C++; the file is written to a
// temporary name and renamed when the run ends, so an interrupted run leaves none.
#ifndef QSCALE_SIM_VCD_TRACE_H_
#define QSCALE_SIM_VCD_TRACE_H_

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "sim/rtl_array.h"

namespace qscale::sim {

class VcdTrace {
 public:
  // Records cycles first..last (inclusive) into `path`; `period_ps` is the clock period in
  // picoseconds. Throws std::runtime_error when the file cannot be written.
  VcdTrace(const std::string& path, int64_t first, int64_t last, int64_t period_ps);
  ~VcdTrace();

  // Declares the signals of an array of `shape` (os: output stationary); once, before Record.
  void DeclareArray(const golden::ArrayShape& shape, bool os);

  // True for a cycle inside the window.
  bool Wants(int64_t cycle) const { return cycle >= first_ && cycle <= last_; }
  // The ports during `cycle` (ignored outside the window).
  void Record(int64_t cycle, const ArrayInputs& in, const ArrayOutputs& out);
  // Writes the end time and renames the file into place.
  void Close();

 private:
  struct Signal {
    std::string id;
    int width = 1;
    uint64_t last = ~uint64_t{0};  // the last value written (all ones: none yet)
  };
  void Declare(const std::string& name, int width);
  void Change(size_t index, uint64_t value);

  std::string path_;
  std::string temp_;
  std::ofstream out_;
  int64_t first_, last_;
  golden::ArrayShape shape_;
  bool os_ = false;
  bool declared_ = false;
  std::vector<Signal> signals_;
  int64_t time_ = -1;
  bool closed_ = false;
};

}  // namespace qscale::sim

#endif  // QSCALE_SIM_VCD_TRACE_H_
