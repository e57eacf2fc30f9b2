// What the accelerator runs for one batch of images, as the driver lowers it (src/driver/
// lowering.h): the hardware's parameters and, per op of the quantized network, the work of the PE
// array (a GEMM split into folds or tiles) or of the vector unit (pooling, Add). Plain C++: no
// SystemC here, so the driver and the tests can build programs. docs/timing.md explains every
// field's role in the cycle count.
#ifndef QSCALE_SIM_PROGRAM_H_
#define QSCALE_SIM_PROGRAM_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "src/golden/array_config.h"

namespace qscale::sim {

// Cycles from the last partial sum leaving the array to its activation in the output buffer
// (golden::kRequantizeLatency).
inline constexpr int kRequantizeCycles = 2;
// Cycles from a stored weight code entering the decoder bank to its word on the array's load
// port (the decoders' registered output).
inline constexpr int kDecoderCycles = 1;

// The accelerator's hardware parameters (config::AcceleratorSpec resolved for one network).
struct HardwareConfig {
  golden::ArrayShape shape;        // rows, cols, base multiplier, SP2 columns, port widths, acc
  bool output_stationary = false;  // accelerator.dataflow: os
  int csd_quality = 8;             // run-time quality of csd PEs, 1..8
  double dram_bytes_per_cycle = 16;
  int dram_latency_cycles = 100;
  int64_t weight_buffer_bits = 0;  // whole buffers; each is used as two halves (double buffer)
  int64_t input_buffer_bits = 0;
  int64_t output_buffer_bits = 0;
  int vector_lanes = 16;           // elements per cycle of the vector unit (= cols)
};

// One Conv/Dense op on the array: the GEMM out[M][N] = in[M][K] x w[K][N] of a batch.
struct ArrayWork {
  int op = -1;           // qnn op index
  std::string name;      // op name, for reports
  int64_t m = 0;         // output pixels x images
  int k = 0;             // reduction length
  int n = 0;             // output channels
  // Column blocks: in block b, array column c computes output channel columns[b][c], or idles
  // (-1). MSQ SP2 rows sit in the SP2 columns (0 .. sp2_cols-1), the others in the rest.
  std::vector<std::vector<int>> columns;
  int k_blocks = 1;      // weight stationary: ceil(k / rows) folds per block; 1 for os
  int64_t m_tile = 0;    // vectors per M tile (buffers permitting); the last may be shorter
  int m_tiles = 1;
  int64_t weight_bits = 0;     // the layer's stored weights: codes, parameters, biases
  bool weights_resident = false;  // fits half the weight buffer: fetched once per layer
  int64_t input_bits = 0;      // the layer's input activations for the batch
  int64_t output_bits = 0;     // the layer's output activations for the batch
  int input_act_bits = 8;      // width of an input activation
  int output_act_bits = 8;     // width of an output activation
  int decoder_setup_cycles = 0;  // cycles to reload the decoders' tables when a block starts
                                 // (NUUQ LUT entries with per-channel tables; else 0)
  bool decoder_tables_per_block = false;  // the tables change with every column block
};

// One op on the vector unit (pooling, Add, a stand-alone ReLU): reads its inputs from DRAM,
// `vector_lanes` elements a cycle, and writes its output back. A Flatten is a view: free.
struct VectorWork {
  int op = -1;
  std::string name;
  bool view = false;            // Flatten: the same bits seen as a vector; no cycles, no traffic
  int64_t input_elements = 0;   // all inputs of the batch
  int64_t output_elements = 0;
  int64_t input_bits = 0;
  int64_t output_bits = 0;
};

using Step = std::variant<ArrayWork, VectorWork>;

// One batch: the steps in network order.
struct Program {
  HardwareConfig hardware;
  int images = 0;
  std::vector<Step> steps;
};

}  // namespace qscale::sim

#endif  // QSCALE_SIM_PROGRAM_H_
