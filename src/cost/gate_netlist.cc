#include "src/cost/gate_netlist.h"

#include <fstream>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "src/cost/unit_area.h"
#include "src/cost/unit_library.h"

namespace qscale::cost {
namespace {

constexpr int kConst0 = 0;
constexpr int kConst1 = 1;

// Net index of one bit of a connection: yosys numbers real nets from 2; "0"/"1" are constants
// ("x"/"z" read as 0).
int NetOf(const nlohmann::json& bit) {
  if (bit.is_number_integer()) return bit.get<int>();
  return bit.get<std::string>() == "1" ? kConst1 : kConst0;
}

}  // namespace

GateNetlist GateNetlist::Load(const std::string& path, const config::TechSpec& tech) {
  std::ifstream in(path);
  if (!in) throw CostError(fmt::format("{}: cannot open netlist (re-run the build)", path));
  GateNetlist n;
  n.file_ = path;
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    const nlohmann::json& modules = json.at("modules");
    if (modules.size() != 1) {
      throw CostError(fmt::format("{}: expected one flattened module, got {}", path,
                                  modules.size()));
    }
    const nlohmann::json& module = modules.begin().value();
    int max_net = kConst1;
    auto grow = [&](int net) { max_net = std::max(max_net, net); };
    for (const auto& [name, port] : module.at("ports").items()) {
      std::vector<int> bits;
      for (const auto& bit : port.at("bits")) bits.push_back(NetOf(bit));
      for (int b : bits) grow(b);
      n.ports_[name] = bits;
    }
    std::vector<Gate> gates;
    for (const auto& [name, cell] : module.at("cells").items()) {
      const std::string type = cell.at("type").get<std::string>();
      const nlohmann::json& c = cell.at("connections");
      auto pin = [&](const char* p) {
        if (!c.contains(p)) return -1;
        const int net = NetOf(c.at(p).at(0));
        grow(net);
        return net;
      };
      bool enable = false, flop = false;
      const std::string kind = CellKind(type, &enable, &flop);
      const double area = CellAreaUm2(type, tech);
      if (flop) {
        Flop f;
        f.d = pin("D");
        f.q = pin("Q");
        f.e = pin("E");
        f.r = pin("R");
        f.area = area;
        // $_DFF_PN0_, $_DFFE_PN0P_, $_DFFE_PP_: flags after the second '_'.
        const std::string flags = type.substr(type.find('_', 2) + 1);
        if (f.r >= 0 && flags.size() >= 3) {
          f.reset_high = flags[1] == 'P';
          f.reset_value = flags[2] == '1' ? 1 : 0;
        }
        if (f.e >= 0) f.enable_high = flags[flags.size() - 2] == 'P';
        if (type.rfind("$_DFF_", 0) != 0 && type.rfind("$_DFFE_", 0) != 0) {
          throw CostError(fmt::format("{}: flop type {} is not simulated", path, type));
        }
        n.flops_.push_back(f);
        continue;
      }
      static const std::map<std::string, Op> kOps = {
          {"NOT", Op::kNot}, {"BUF", Op::kBuf},   {"AND", Op::kAnd},   {"NAND", Op::kNand},
          {"OR", Op::kOr},   {"NOR", Op::kNor},   {"XOR", Op::kXor},   {"XNOR", Op::kXnor},
          {"ANDNOT", Op::kAndNot}, {"ORNOT", Op::kOrNot}, {"MUX", Op::kMux}};
      Gate g;
      g.op = kOps.at(kind);
      g.a = pin("A");
      g.b = pin("B");
      g.s = pin("S");
      g.y = pin("Y");
      g.area = area;
      gates.push_back(g);
    }
    n.nets_.assign(static_cast<size_t>(max_net) + 1, 0);
    n.nets_[kConst1] = 1;
    // Topological order: a gate after the gates driving its inputs.
    std::vector<int> driver(n.nets_.size(), -1);
    for (size_t i = 0; i < gates.size(); ++i) driver[gates[i].y] = static_cast<int>(i);
    std::vector<int> state(gates.size(), 0);  // 0 new, 1 visiting, 2 done
    std::vector<std::pair<int, int>> stack;
    for (size_t root = 0; root < gates.size(); ++root) {
      if (state[root]) continue;
      stack.push_back({static_cast<int>(root), 0});
      state[root] = 1;
      while (!stack.empty()) {
        auto& [g, input] = stack.back();
        const int inputs[3] = {gates[g].a, gates[g].b, gates[g].s};
        if (input < 3) {
          const int net = inputs[input++];
          const int d = net >= 0 ? driver[net] : -1;
          if (d >= 0 && state[d] == 1) {
            throw CostError(fmt::format("{}: combinational loop through net {}", path, net));
          }
          if (d >= 0 && state[d] == 0) {
            state[d] = 1;
            stack.push_back({d, 0});
          }
          continue;
        }
        state[g] = 2;
        n.gates_.push_back(gates[g]);
        stack.pop_back();
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw CostError(fmt::format("{}: malformed netlist ({})", path, e.what()));
  }
  n.Evaluate();
  return n;
}

int GateNetlist::PortWidth(const std::string& name) const {
  const auto it = ports_.find(name);
  if (it == ports_.end()) throw CostError(fmt::format("{}: no port {}", file_, name));
  return static_cast<int>(it->second.size());
}

void GateNetlist::SetInput(const std::string& name, int64_t value) {
  const auto it = ports_.find(name);
  if (it == ports_.end()) throw CostError(fmt::format("{}: no port {}", file_, name));
  for (size_t i = 0; i < it->second.size(); ++i) {
    const int net = it->second[i];
    if (net > kConst1) nets_[net] = static_cast<uint8_t>((value >> std::min<size_t>(i, 62)) & 1);
  }
}

int64_t GateNetlist::Output(const std::string& name, bool is_signed) const {
  const auto it = ports_.find(name);
  if (it == ports_.end()) throw CostError(fmt::format("{}: no port {}", file_, name));
  const std::vector<int>& bits = it->second;
  uint64_t value = 0;
  for (size_t i = 0; i < bits.size() && i < 64; ++i) value |= uint64_t{nets_[bits[i]]} << i;
  const size_t width = bits.size();
  if (is_signed && width < 64 && (value >> (width - 1)) & 1) value |= ~uint64_t{0} << width;
  return static_cast<int64_t>(value);
}

double GateNetlist::Evaluate() {
  double toggled = 0;
  for (const Gate& g : gates_) {
    const uint8_t a = g.a >= 0 ? nets_[g.a] : 0;
    const uint8_t b = g.b >= 0 ? nets_[g.b] : 0;
    uint8_t y = 0;
    switch (g.op) {
      case Op::kNot: y = !a; break;
      case Op::kBuf: y = a; break;
      case Op::kAnd: y = a & b; break;
      case Op::kNand: y = !(a & b); break;
      case Op::kOr: y = a | b; break;
      case Op::kNor: y = !(a | b); break;
      case Op::kXor: y = a ^ b; break;
      case Op::kXnor: y = !(a ^ b); break;
      case Op::kAndNot: y = a & !b; break;
      case Op::kOrNot: y = a | !b; break;
      case Op::kMux: y = nets_[g.s] ? b : a; break;
    }
    if (nets_[g.y] != y) {
      nets_[g.y] = y;
      toggled += g.area;
    }
  }
  return toggled;
}

double GateNetlist::Clock() {
  std::vector<uint8_t> next(flops_.size());
  for (size_t i = 0; i < flops_.size(); ++i) {
    const Flop& f = flops_[i];
    uint8_t q = nets_[f.q];
    if (f.r >= 0 && nets_[f.r] == (f.reset_high ? 1 : 0)) {
      q = f.reset_value;
    } else if (f.e < 0 || nets_[f.e] == (f.enable_high ? 1 : 0)) {
      q = nets_[f.d];
    }
    next[i] = q;
  }
  double toggled = 0;
  for (size_t i = 0; i < flops_.size(); ++i) {
    if (nets_[flops_[i].q] != next[i]) {
      nets_[flops_[i].q] = next[i];
      toggled += flops_[i].area;
    }
  }
  return toggled;
}

}  // namespace qscale::cost
