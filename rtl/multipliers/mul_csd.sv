// Quality-scalable canonic-signed-digit (CSD) multiplier of the QSQ scheme (DESIGN.md 1.2).
// Golden model: qscale::golden::MulCsd (src/golden/mul_csd.h), bit for bit; the recoding is
// golden::CsdDigits and the row gating golden::CsdActiveRows.
// Structure: csd_recoder (combinational) -> row register -> mul_csd_rows (gated shift-add). The
// arrays use the two halves apart: one csd_recoder per column at the array edge, a row register
// and mul_csd_rows in every PE.
//
// Parameters: WeightWidth W (2..16), ActWidth A (2..16). Rows = ceil(W/2) partial-product rows
// (8 at W = 16: the largest number of non-zero CSD digits).
// Ports:
//   load_i, weight_i (signed W)   weight load: at the edge ending a cycle with load_i high the
//                                 weight is recoded to its non-adjacent form,
//                                 d_i = bit_(i+1)(3w) - bit_(i+1)(w) (w sign-extended to W+2
//                                 bits), and its non-zero digits are stored as rows, highest
//                                 position first: row r = (valid, negative, position) of the
//                                 r-th non-zero digit from the top. The rows are the PE's weight
//                                 register; the weight is held until the next load.
//   quality_i unsigned 4          run-time quality q (1..8): rows 0..q-1 are active (the q most
//                                 significant digits are kept, the rest truncated). A row that
//                                 is inactive or empty is gated: its activation input is forced
//                                 to 0, so it does not switch (CsdActiveRows counts the others).
//                                 q = 0 keeps no row; q > Rows keeps all.
//   act_i     signed A
//   prod_o    signed W+A          sum over active rows of (negative ? -1 : +1) * (act << position)
//                                 = w_q * act, exact for the kept digits
// Latency: weight load 1 cycle (kCsdRecodeLatency: a weight loaded in cycle t multiplies
// activations from cycle t+1); product 1 cycle (kMulCsdLatency: act_i and quality_i presented in
// cycle t give prod_o in cycle t+1).
// A top of rtl/ (the stand-alone CSD multiplier; the arrays use its halves): waived for
// whole-directory lints (rtl/README.md, "Lint").
/* verilator lint_off MULTITOP */
module mul_csd #(
  parameter int unsigned WeightWidth = 16,
  parameter int unsigned ActWidth    = 8
) (
  input  logic                                   clk_i,
  input  logic                                   rst_ni,
  input  logic                                   load_i,
  input  logic signed [WeightWidth-1:0]          weight_i,
  input  logic [3:0]                             quality_i,
  input  logic signed [ActWidth-1:0]             act_i,
  output logic signed [WeightWidth+ActWidth-1:0] prod_o
);

  localparam int unsigned RowWordWidth = qscale_pkg::csd_row_word_width(WeightWidth);

  logic [RowWordWidth-1:0] rows_d, rows_q;

  // ---- Recoding (at weight load) ----
  csd_recoder #(.WeightWidth(WeightWidth)) u_recoder (
    .weight_i,
    .rows_o  (rows_d)
  );

  // The row register: the PE's weight register.
  flop_en #(.Width(RowWordWidth)) u_rows (
    .clk_i,
    .rst_ni,
    .en_i(load_i),
    .d_i (rows_d),
    .q_o (rows_q)
  );

  // ---- Product (every cycle) ----
  mul_csd_rows #(
    .WeightWidth(WeightWidth),
    .ActWidth   (ActWidth)
  ) u_rows_mul (
    .clk_i,
    .rst_ni,
    .rows_i   (rows_q),
    .quality_i,
    .act_i,
    .prod_o
  );

endmodule
