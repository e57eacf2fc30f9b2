// The quantized network: what every quantizer (src/quant/) produces and everything downstream
// (the golden integer engine, the accelerator model, the cost model) consumes. It holds the
// topology, the integer format of every activation tensor, and for every Conv/Dense layer the
// hardware-visible weight encoding (stored codes, per-vector parameters, level tables), the
// decoded integer weights the PEs hold, the biases in accumulator units and the requantization
// of the accumulators. Integer semantics: DESIGN.md section 1.5 and docs/integer_semantics.md.
// Depends on nothing of ours.
#ifndef QSCALE_SRC_QNN_NETWORK_H_
#define QSCALE_SRC_QNN_NETWORK_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace qscale::qnn {

// Per-image shape of a value, batch excluded: {C, H, W} or {F}. All entries > 0.
using Shape = std::vector<int>;

// Elements of a shape (product of its entries; 1 for an empty shape).
int64_t NumElements(const Shape& shape);

// One activation tensor (a value of the graph). Every element is a signed two's-complement
// integer q of `bits` bits, q in [-(2^(bits-1)), 2^(bits-1) - 1]; its real value is scale * q.
// Zero point 0: real 0 is integer 0, so zero padding pads with integer 0.
struct Value {
  std::string name;    // tensor name from the model
  Shape shape;         // per image
  int bits = 8;        // 2..16
  double scale = 1.0;  // real value of one integer step, > 0
};

enum class OpKind {
  kConv,           // 2-D convolution lowered to GEMM (im2col), weights [Cout][Cin*Kh*Kw]
  kDense,          // fully connected, weights [Out][In]
  kMaxPool,        // integer max over the window; padding never wins; scale unchanged
  kAvgPool,        // round-half-away(sum / in-bounds count); scale unchanged
  kGlobalAvgPool,  // round-half-away(sum / (H*W)) per channel; scale unchanged
  kFlatten,        // {C, H, W} -> {C*H*W}, row-major; integers unchanged
  kAdd,            // requantized sum of two values (AddParams)
  kRelu,           // max(q, 0); scale unchanged (only where no producer could fuse it)
};

// "Conv", "Dense", ... for tables and messages.
const char* OpKindName(OpKind kind);

// A rescale factor as the requantizer sees it: real value multiplier * 2^(shift - 31), with
// multiplier Q0.31 in [2^30, 2^31) (0 for a zero factor) and shift in -31..30, positive = left.
// The layout of golden::QuantizedMultiplier (qnn depends on nothing of ours, so it has its own).
struct Requant {
  int32_t multiplier = 0;
  int shift = 0;
};

// How a layer's weights are stored in weight memory and decoded on their way into the array.
// Enumerators in the order of the alternatives of Layer::code.
enum class WeightCoding {
  kInt,   // two's-complement integers of a fixed width (int8, fixed): no decoder
  kQsq,   // 3-bit shift-and-scale codes + per-vector scale (and mean): QSQ decoder
  kNuuq,  // level indices, packed: LUT decoder onto the B-bit grid
  kMsq,   // per row an SP2 code or a fixed-point code, 4 or 8 bits: SP2 decoder on SP2 rows
};

// "int", "qsq", "nuuq", "msq".
const char* WeightCodingName(WeightCoding coding);

// Which kind of array column a row of the weight matrix (an output channel) must run on.
enum class RowKind {
  kMultiplier,  // the accelerator's multiplier (exact, csd or bitserial) on the decoded integer
  kSp2,         // an MSQ SP2 row: shift-add PE fed with the SP2 decoder's terms
};

// kInt: every weight stored as a signed `bits`-wide integer (the decoded weight itself).
struct IntCoding {
  int bits = 8;               // stored width, 1..16 (1 bit: all weights 0)
  bool power_of_two = false;  // fixed: the weight unit is exactly 2^-frac_bits
  int frac_bits = 0;          // fixed: F of the weights
  int bias_bits = 32;         // stored width of each bias (fixed: BW of the biases; 1 = none)
  int bias_frac_bits = 0;     // fixed: F of the biases
};

// kQsq: golden::QsqDecode(code, scale[v], mean[v], param_bits) gives the decoded weight.
struct QsqCoding {
  int levels = 7;             // 7, 5 or 3 (magnitudes {0,1,2,4}, {0,1,2}, {0,1} x scale)
  int vector_length = 0;      // weights per vector; a filter's weight count when per filter
  bool per_filter = true;     // vectors are the rows (output filters)
  bool mean = false;          // vectors carry a mean m_v
  int param_bits = 8;         // signed width of every stored scale / mean
  int frac_bits = 0;          // the layer's parameter unit is 2^-frac_bits (real weight units)
  std::vector<uint8_t> codes;   // one 3-bit decoder code [sign | e1 e0] per weight, row-major
  std::vector<int32_t> scales;  // s_v per vector, signed param_bits
  std::vector<int32_t> means;   // m_v per vector (empty unless mean)
};

// kNuuq: golden::NuuqDecode(index, lut[group of the row]) gives the decoded weight.
struct NuuqCoding {
  int levels = 4;            // N, 2..256
  int grid_bits = 8;         // B, signed width of every LUT entry
  bool per_channel = true;   // one LUT per row (else one per layer)
  bool dense = true;         // dense base-N packing (else ceil(log2 N) bits per index)
  std::vector<std::vector<int32_t>> luts;  // per row (or one), N entries ascending, B-bit
  std::vector<uint16_t> indices;           // one level index per weight, row-major
  // Per row, the stored index stream of its k indices (golden::PackIndices layout), so that a
  // row (one array column's weights) is read on its own.
  std::vector<std::vector<uint8_t>> packed_rows;
};

// kMsq: per row either golden::Sp2Weight(code, bits) (SP2 rows) or the code read as a signed
// `bits`-wide integer (fixed rows).
struct MsqCoding {
  int bits = 4;                       // base code width, 4 or 8
  double alpha = 1.0;                 // the layer's scale alpha (real)
  std::vector<uint8_t> row_bits;      // per row: 4 or 8
  std::vector<uint8_t> codes;         // one code per weight, low row_bits bits used
};

// Bits a layer occupies in weight memory, as stored.
struct Storage {
  int64_t code_bits = 0;   // the weight codes (packed as stored)
  int64_t param_bits = 0;  // per-vector / per-layer parameters: scales, means, LUTs, alpha
  int64_t bias_bits = 0;   // the biases at their stored width
  int64_t Total() const { return code_bits + param_bits + bias_bits; }
};

// A Conv or Dense layer as the hardware runs it: rows = output channels, k = Cin*Kh*Kw (im2col
// order ci, ky, kx, the ONNX weight layout) or In. Accumulation of row r for one output:
//   acc = bias[r]; for k = 0 .. K-1: acc = sat_acc(acc + product(weights[r][k], x_k))
// then out = clamp(requantize(acc, requant[r]), relu ? 0 : -2^(bits-1), 2^(bits-1) - 1).
struct Layer {
  int rows = 0;
  int k = 0;
  std::vector<int32_t> weights;    // rows x k decoded integer weights (SP2 rows: w_int)
  std::vector<int> row_weight_bits;  // per row, signed width of its decoded weights
  std::vector<RowKind> row_kind;     // per row
  std::vector<int64_t> bias;         // per row, in accumulator units
  std::vector<double> weight_scale;  // per row, real value of one weight unit
  std::vector<Requant> requant;      // per row: in_scale * weight_scale[r] / out_scale
  // The stored encoding; its alternative is the layer's WeightCoding (CodingOf).
  std::variant<IntCoding, QsqCoding, NuuqCoding, MsqCoding> code;
  Storage storage;
};

// kAdd: out = clamp(round_half_away((a * a_multiplier + b * b_multiplier) / 2^shift)), with the
// relu of the Op clamping below at 0. Multipliers are positive, below 2^15; shift 0..40.
struct AddParams {
  int32_t a_multiplier = 0;
  int32_t b_multiplier = 0;
  int shift = 0;
};

struct Op {
  std::string name;         // the model's node name (of the first node when fused)
  OpKind kind = OpKind::kRelu;
  std::vector<int> inputs;  // value ids: kAdd two, every other op one
  int output = -1;          // value id
  bool relu = false;        // a following ReLU fused into this op's clamp (Conv, Dense, Add)
  // kConv, kMaxPool, kAvgPool geometry, pixels.
  int kernel_h = 1, kernel_w = 1;
  int stride_h = 1, stride_w = 1;
  int pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
  Layer layer;     // kConv, kDense
  AddParams add;   // kAdd
};

struct Network {
  std::string source;         // model file
  std::string scheme;         // quant.scheme that produced it
  std::vector<Value> values;  // by value id
  std::vector<Op> ops;        // topological order
  int input = -1;             // value id of the image input, shape {C, H, W}
  int output = -1;            // value id of the logits, shape {classes} (any shape for a topology)
  // Values the host writes besides `input`, before a batch runs: the inputs of the independent
  // layers of a topology workload (driver/topology_job.h). Empty for a network.
  std::vector<int> host_values;
};

// The coding of `layer.code` (the variant's alternative).
inline WeightCoding CodingOf(const Layer& layer) {
  return static_cast<WeightCoding>(layer.code.index());
}

// True for the ops that run on the PE array (kConv, kDense).
inline bool IsArrayOp(OpKind kind) { return kind == OpKind::kConv || kind == OpKind::kDense; }

// Multiply-accumulates of one op per image: rows * k * output pixels for array ops, else 0.
int64_t OpMacs(const Network& network, const Op& op);

// Sum of Storage::Total over the array ops, bits.
int64_t StoredWeightBits(const Network& network);

}  // namespace qscale::qnn

#endif  // QSCALE_SRC_QNN_NETWORK_H_
