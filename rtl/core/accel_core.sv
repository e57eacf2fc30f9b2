// The weight-stationary compute core the rtl fidelity clocks: the decoder bank (one decoder per
// column, registered) feeding the load port of a pe_array. Stored codes go in; the decoded words
// are loaded one cycle later into the row the load-row register names.
// Golden model: golden::DecodeLayerWeights (the bank) and golden::RunWsFolds (the array), with the
// array's load cycles one cycle after the decode cycles (sim/rtl_backend.cc drives it from the
// schedule of docs/timing.md: row r of a fold is decoded in load_start + r - 1).
//
// Parameters: Rows, Cols, MulKind, Sp2Cols, ActWidth, WeightWidth, Sp2CodeBits, AccWidth as in
// pe_array.sv; IndexBits as in decoder_bank.sv.
// Ports:
//   quality_i                              csd quality, all PEs (registered: from the next cycle)
//   dec_valid_i, dec_row_i                 decode this cycle the codes of row dec_row_i (all
//                                          columns); the row is loaded at the next edge
//   coding_i, code_i, bits_i, scale_i, mean_i, levels_i, lut_we_i, lut_addr_i, lut_data_i
//                                          the decoder bank's inputs (decoder_bank.sv)
//   act_valid_i, act_i, psum_valid_i, psum_i, psum_valid_o, psum_o   as in pe_array.sv
// Latency: a row decoded in cycle t is loaded at the edge ending t+1 (pe_array's wload in t+1).
// A top of rtl/ (the weight-stationary core sim/ verilates): waived for whole-directory lints
// (rtl/README.md, "Lint").
/* verilator lint_off MULTITOP */
module accel_core #(
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
      (Sp2Cols > 0 && Sp2WordWidth > WeightWidth) ? Sp2WordWidth : WeightWidth,
  localparam int unsigned RowBits = (Rows > 1) ? $clog2(Rows) : 1
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  logic [3:0]                   quality_i,
  input  logic                         dec_valid_i,
  input  logic [RowBits-1:0]           dec_row_i,
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
  input  logic [Cols-1:0]              psum_valid_i,
  input  logic [Cols*AccWidth-1:0]     psum_i,
  output logic [Cols-1:0]              psum_valid_o,
  output logic [Cols*AccWidth-1:0]     psum_o
);

  // The decoder bank gives SP2 terms to columns 0 .. Sp2Cols-1 only (an all-SP2 core is MulKind
  // 0 with Sp2Cols = Cols), and the array has no SP2 columns beside a bit-serial base.
  if (MulKind != 0 && MulKind != 1 && MulKind != 3) begin : gen_bad_kind
    $error($sformatf("accel_core: MulKind = %0d; must be 0 (exact), 1 (csd) or 3 (bitserial)",
                     MulKind));
  end
  if (Sp2Cols > 0 && MulKind == 3) begin : gen_bad_sp2_cols
    $error($sformatf("accel_core: Sp2Cols = %0d with MulKind = 3 (bitserial); must be 0",
                     Sp2Cols));
  end

  logic [Cols*WordWidth-1:0] word;
  logic                      wload_q;
  logic [RowBits-1:0]        wload_row_q;

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
    .valid_i   ({Cols{dec_valid_i}}),
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

  // The load port: the row decoded in cycle t is written at the edge ending t+1.
  flop_en #(.Width(1 + RowBits)) u_load (
    .clk_i,
    .rst_ni,
    .en_i(1'b1),
    .d_i ({dec_valid_i, dec_row_i}),
    .q_o ({wload_q, wload_row_q})
  );

  pe_array #(
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
    .quality_i  (quality_q),
    .wload_i    (wload_q),
    .wload_row_i(wload_row_q),
    .wdata_i    (word),
    .act_valid_i,
    .act_i,
    .psum_valid_i,
    .psum_i,
    .psum_valid_o,
    .psum_o
  );

endmodule
