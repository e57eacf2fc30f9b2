// Zero-delay gate-level simulation of a synthesized unit: the flattened generic-gate netlist that
// scripts/synth_unit.sh writes (yosys write_json), evaluated cycle by cycle on given port values,
// counting output toggles of every cell weighted by the cell's area (a proxy for its switched
// capacitance). The switching activity behind `energy.activity: measured` (docs/energy.md).
#ifndef QSCALE_SRC_COST_GATE_NETLIST_H_
#define QSCALE_SRC_COST_GATE_NETLIST_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "src/config/tech_spec.h"

namespace qscale::cost {

class GateNetlist {
 public:
  // Reads the netlist of `path` (one flattened module). Cells are priced with `tech`'s cell
  // areas. Throws CostError naming the file for a malformed netlist, an unknown cell type or a
  // combinational loop. Every net starts at 0 (the state after reset).
  static GateNetlist Load(const std::string& path, const config::TechSpec& tech);

  // Bits of port `name`; throws CostError when the module has no such port.
  int PortWidth(const std::string& name) const;
  bool HasPort(const std::string& name) const { return ports_.count(name) > 0; }
  // Drives input port `name` with the low PortWidth bits of `value` (two's complement).
  void SetInput(const std::string& name, int64_t value);
  // The value of port `name` (after Evaluate), sign-extended when `is_signed`.
  int64_t Output(const std::string& name, bool is_signed) const;

  // Settles the combinational cells in topological order; returns the area (um^2) of the cells
  // whose output changed since the last settle.
  double Evaluate();
  // One rising clock edge: every flop takes its next state (enables and resets honoured);
  // returns the area (um^2) of the flops whose output changed. Call Evaluate after it.
  double Clock();

 private:
  enum class Op { kNot, kBuf, kAnd, kNand, kOr, kNor, kXor, kXnor, kAndNot, kOrNot, kMux };
  struct Gate {
    Op op;
    int a = -1, b = -1, s = -1, y = -1;
    double area = 0;
  };
  struct Flop {
    int d = -1, q = -1, e = -1, r = -1;
    bool enable_high = true;  // enable polarity
    bool reset_high = true;   // reset polarity
    uint8_t reset_value = 0;
    double area = 0;
  };
  std::string file_;
  std::vector<uint8_t> nets_;
  std::vector<Gate> gates_;  // topological order
  std::vector<Flop> flops_;
  std::map<std::string, std::vector<int>> ports_;  // port -> net per bit, LSB first
};

}  // namespace qscale::cost

#endif  // QSCALE_SRC_COST_GATE_NETLIST_H_
