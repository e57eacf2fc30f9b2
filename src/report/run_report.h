// What one `qscale run` measured, and its two renderings: the machine-readable JSON report
// (schema qscale.report/1, DESIGN.md section 5) and the human summary printed on stdout.
// Every quantity's unit is in its name or in the comment beside it.
#ifndef QSCALE_SRC_REPORT_RUN_REPORT_H_
#define QSCALE_SRC_REPORT_RUN_REPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace qscale::report {

// `amount` per host second: amount / seconds, or 0 when `seconds` is not positive (a run too
// short for the clock to see). Every rate a report or `qscale bench` prints goes through it.
inline double PerSecond(double amount, double seconds) {
  return seconds > 0 ? amount / seconds : 0.0;
}

inline constexpr const char* kReportSchema = "qscale.report/1";

// A named number whose unit is in its name (e.g. "weight_bw_bits", "memory_vs_8bit_ratio").
using NamedValues = std::vector<std::pair<std::string, double>>;

// Traffic of one operand class, bits.
struct Traffic {
  int64_t weights = 0;
  int64_t inputs = 0;
  int64_t outputs = 0;
};

// What the simulated accelerator spent on one layer (summed over the run's batches).
struct LayerCycles {
  bool simulated = false;        // false: the layer was not simulated (float, golden)
  int64_t cycles = 0;            // cycles of the layer's step, start to outputs in DRAM
  int64_t compute_cycles = 0;    // cycles the array (or vector unit) takes new work
  int64_t fill_drain_cycles = 0;
  int64_t weight_load_cycles = 0;
  int64_t stall_cycles = 0;      // waiting for DRAM
  double utilization = 0;        // useful MACs / (cycles x PEs), 0..1
  Traffic dram_bits;             // DRAM traffic by operand, bits
  bool has_energy = false;       // energy priced (fast / rtl runs, the float estimate)
  double energy_pj = 0;          // the layer's energy over the run, pJ
  NamedValues energy_components_pj;  // by component (names as EnergySummary), pJ
};

struct LayerRow {
  std::string name;          // node name from the model
  std::string op;            // "Conv", "Dense", "Relu", ...
  std::string input_shape;   // per image, e.g. "1x28x28"
  std::string output_shape;  // per image
  int64_t macs = 0;          // multiply-accumulates per image
  int64_t parameters = 0;    // weights + biases
  int64_t weight_bits = 0;   // bits the layer's parameters occupy as stored
  LayerCycles sim;           // the accelerator's figures, when simulated
};

// The accelerator run, when sim.fidelity is fast or rtl.
struct AcceleratorSummary {
  bool present = false;
  std::string hardware;          // e.g. "16x16 ws array, csd multiplier (quality 3), ..."
  double clock_mhz = 0;          // MHz
  int64_t cycles = 0;            // all batches
  int64_t compute_cycles = 0;
  int64_t fill_drain_cycles = 0;
  int64_t weight_load_cycles = 0;
  int64_t stall_cycles = 0;
  double utilization = 0;        // useful MACs / (cycles x PEs), 0..1
  Traffic dram_bits;             // bits by operand
  Traffic sram_read_bits;        // weight, input and output buffers
  Traffic sram_write_bits;
  NamedValues actions;           // counts by unit kind, e.g. {"csd_macs", ...}
};

// One array layer's quantization, as the `quant.layers[]` entries of the JSON report.
struct QuantLayerRow {
  std::string name;          // op name from the model
  std::string coding;        // weight coding: "int", "qsq", "nuuq", "msq"
  int64_t weights = 0;       // number of weights
  int64_t code_bits = 0;     // bits of the stored weight codes
  int64_t param_bits = 0;    // bits of per-vector / per-layer parameters (scales, LUTs, alpha)
  int64_t bias_bits = 0;     // bits of the stored biases
  double zero_fraction = 0;  // fraction of weights that decode to exactly 0, 0..1
  int activation_bits = 0;   // width of the layer's output activations, bits
  NamedValues details;       // scheme-specific (bit widths, F, levels, SP2 rows, ...)
};

// What the quantizer did; absent (present = false) for the float scheme.
struct QuantSummary {
  bool present = false;
  int activation_bits = 0;          // quant.activation_bits (fixed: per layer, see layers)
  double zero_weight_fraction = 0;  // over all weights, 0..1
  int64_t int8_bits = 0;            // the same weights and biases at 8 bits each, bits
  std::vector<QuantLayerRow> layers;
  NamedValues details;              // scheme-wide figures, e.g. fixed's cost ratios
};

// The energy model's result (src/cost; docs/energy.md): present for fast and rtl runs, and for
// the float scheme as an analytic fp32 estimate.
struct EnergySummary {
  bool present = false;
  std::string model;              // "accelerator" or "fp32 analytic estimate"
  std::string tech;               // technology table file
  std::string activity;           // energy.activity: "table" or "measured"
  std::string anchor;             // the calibration anchor, e.g. "mul_exact(...) = 0.2 pJ"
  double total_pj = 0;            // all images, pJ
  NamedValues components_pj;      // "dram", "sram", "decoder", "multiplier", "accumulator",
                                  // "registers", "requantizer", "vector", "leakage"; pJ
  double per_image_pj = 0;        // total / images, pJ
  double dram_weights_pj = 0;     // the part of components_pj "dram" that moves weights, pJ
  double average_power_mw = 0;    // total / (cycles / clock), mW; 0 without cycles
  NamedValues area_um2;           // accelerator area by component, um^2 (empty for float)
  NamedValues unit_energy_pj;     // energy per action of the run's units, pJ
  std::vector<std::string> notes; // estimates and simplifications the figures rest on
};

struct RunReport {
  std::string config_file;  // the YAML file the run was configured by
  std::string network;      // model path
  std::string scheme;       // quant.scheme
  std::string fidelity;     // sim.fidelity
  std::string datapath;     // multiplier and accumulator the integers were computed with; "" for float
  // Effective configuration after overrides, as flattened "key.path" -> YAML value text.
  std::vector<std::pair<std::string, std::string>> config;

  int images = 0;           // test images evaluated
  bool has_accuracy = true; // false for a topology (random weights): top1 fields are null
  double top1 = 0;          // fraction of images whose top logit is the label, 0..1
  double float_top1 = 0;    // the same for the float reference network, 0..1
  // FNV-1a (64-bit) of every output integer of an accelerator run (fast or rtl), images in
  // order, as 16 hex digits: equal digests mean equal logits. "" (JSON null) otherwise.
  std::string logits_digest;

  int64_t weight_bits = 0;  // all layers' parameters as stored, bits
  int64_t float_bits = 0;   // the same parameters as fp32, bits

  std::vector<LayerRow> layers;
  QuantSummary quant;
  AcceleratorSummary accelerator;
  EnergySummary energy;

  double host_seconds = 0;          // wall-clock time of the evaluation, seconds
  double simulated_macs_per_s = 0;  // MACs evaluated per host second
  double simulated_cycles_per_s = 0;  // accelerator cycles simulated per host second (0: none)
};

// The JSON report, pretty-printed with a trailing newline.
std::string ToJson(const RunReport& report);

// The human summary: a per-layer table, then accuracy, memory and host speed.
std::string FormatSummary(const RunReport& report);

}  // namespace qscale::report

#endif  // QSCALE_SRC_REPORT_RUN_REPORT_H_
