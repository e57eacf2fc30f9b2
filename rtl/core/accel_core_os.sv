// The output-stationary compute core the rtl fidelity clocks: the decoder bank (one decoder per
// column, registered) feeding the top of each column of a pe_array_os. A step's codes are
// decoded one cycle before the step's weights enter the columns.
// Golden model: golden::DecodeLayerWeights (the bank) and golden::RunOsTiles (the array), with
// w[k][c] decoded in T + k*II + c - 1 (sim/rtl_backend.cc, docs/timing.md).
//
// Parameters: as accel_core.sv. Ports: the decoder bank's (decoder_bank.sv; dec_valid_i per
// column, as the columns' weight streams are skewed), the array's (pe_array_os.sv); quality_i is
// registered as in accel_core (it applies from the next cycle).
// Latency: a code decoded in cycle t is on column c's weight input in t+1.
// A top of rtl/ (the output-stationary core sim/ verilates): waived for whole-directory lints
// (rtl/README.md, "Lint").
/* verilator lint_off MULTITOP */
module accel_core_os #(
  parameter int unsigned Rows        = 16,
  parameter int unsigned Cols        = 16,
  parameter int unsigned MulKind     = 0,
  parameter int unsigned Sp2Cols     = 0,
  parameter int unsigned ActWidth    = 16,
  parameter int unsigned WeightWidth = 16,
  parameter int unsigned Sp2CodeBits = 4,
  parameter int unsigned AccWidth    = 32,
  parameter int unsigned IndexBits   = 8,
  localparam int unsigned ParamBits = WeightWidth - 3,
  localparam int unsigned CodeWidth = (WeightWidth > IndexBits) ? WeightWidth : IndexBits,
  localparam int unsigned Sp2WordWidth = qscale_pkg::sp2_terms_width(Sp2CodeBits),
  localparam int unsigned WordWidth =
      (Sp2Cols > 0 && Sp2WordWidth > WeightWidth) ? Sp2WordWidth : WeightWidth
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  logic [3:0]                   quality_i,
  input  logic [Cols-1:0]              dec_valid_i,
  input  logic [1:0]                   coding_i,
  input  logic [Cols*CodeWidth-1:0]    code_i,
  input  logic [Cols*5-1:0]            bits_i,
  input  logic [Cols*ParamBits-1:0]    scale_i,
  input  logic [Cols*ParamBits-1:0]    mean_i,
  input  logic [IndexBits:0]           levels_i,
  input  logic                         lut_we_i,
  input  logic [IndexBits-1:0]         lut_addr_i,
  input  logic [Cols*WeightWidth-1:0]  lut_data_i,
  input  logic [Rows-1:0]              act_valid_i,
  input  logic [Rows*ActWidth-1:0]     act_i,
  input  logic                         shift_i,
  input  logic [Cols*AccWidth-1:0]     psum_i,
  output logic [Cols-1:0]              psum_valid_o,
  output logic [Cols*AccWidth-1:0]     psum_o
);

  // The decoder bank gives SP2 terms to columns 0 .. Sp2Cols-1 only (an all-SP2 core is MulKind
  // 0 with Sp2Cols = Cols), and the array has no SP2 columns beside a bit-serial base.
  if (MulKind != 0 && MulKind != 1 && MulKind != 3) begin : gen_bad_kind
    $error($sformatf("accel_core_os: MulKind = %0d; must be 0 (exact), 1 (csd) or 3 (bitserial)",
                     MulKind));
  end
  if (Sp2Cols > 0 && MulKind == 3) begin : gen_bad_sp2_cols
    $error($sformatf("accel_core_os: Sp2Cols = %0d with MulKind = 3 (bitserial); must be 0",
                     Sp2Cols));
  end

  logic [Cols*WordWidth-1:0] word;

  // The csd quality is a configuration register: held for the run, it reaches the PEs one cycle
  // after it is presented (and keeps their products off the input-to-output paths).
  logic [3:0] quality_q;
  flop_en #(.Width(4)) u_quality (
    .clk_i,
    .rst_ni,
    .en_i(1'b1),
    .d_i (quality_i),
    .q_o (quality_q)
  );

  decoder_bank #(
    .Cols       (Cols),
    .WeightWidth(WeightWidth),
    .Sp2Cols    (Sp2Cols),
    .Sp2CodeBits(Sp2CodeBits),
    .IndexBits  (IndexBits)
  ) u_decoders (
    .clk_i,
    .rst_ni,
    .coding_i,
    .valid_i   (dec_valid_i),
    .code_i,
    .bits_i,
    .scale_i,
    .mean_i,
    .levels_i,
    .lut_we_i,
    .lut_addr_i,
    .lut_data_i,
    .word_o    (word)
  );

  pe_array_os #(
    .Rows       (Rows),
    .Cols       (Cols),
    .MulKind    (MulKind),
    .Sp2Cols    (Sp2Cols),
    .ActWidth   (ActWidth),
    .WeightWidth(WeightWidth),
    .Sp2CodeBits(Sp2CodeBits),
    .AccWidth   (AccWidth)
  ) u_array (
    .clk_i,
    .rst_ni,
    .quality_i(quality_q),
    .w_i(word),
    .act_valid_i,
    .act_i,
    .shift_i,
    .psum_i,
    .psum_valid_o,
    .psum_o
  );

endmodule
