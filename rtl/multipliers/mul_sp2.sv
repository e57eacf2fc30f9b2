// MSQ shift-add multiplier for SP2 weights: two shifts, one add, a sign (DESIGN.md 1.4).
// Golden model: qscale::golden::MulSp2(const Sp2Terms&, act, act_bits)
// (src/golden/mul_sp2.h), bit for bit.
//
// Parameters: ActWidth A (2..16); CodeBits m (3..8) fixes the terms' format: M1 = m / 2 (shift
// width), F = 2^M1 - 1.
// Ports:
//   negative_i, enable1_i, enable2_i, shift1_i (M1), shift2_i (M1)   the decoded weight's terms
//                                                                   (sp2_decoder's outputs);
//                                                                   enabled shifts 0..F-1
//   act_i     signed A
//   prod_o    signed A+F+1 (Sp2ProductBits): (negative ? -1 : +1) *
//             ((enable1 ? act << shift1 : 0) + (enable2 ? act << shift2 : 0)), exact
// A disabled term contributes 0 whatever its shift (its shifter input is gated to 0).
// Latency: 1 (kMulSp2Latency): operands presented in cycle t give the product in cycle t+1.
module mul_sp2 #(
  parameter int unsigned ActWidth = 8,
  parameter int unsigned CodeBits = 4,
  localparam int unsigned M1 = CodeBits / 2,
  localparam int unsigned ProdWidth = ActWidth + (1 << M1)  // A + F + 1
) (
  input  logic                        clk_i,
  input  logic                        rst_ni,
  input  logic                        negative_i,
  input  logic                        enable1_i,
  input  logic                        enable2_i,
  input  logic [M1-1:0]               shift1_i,
  input  logic [M1-1:0]               shift2_i,
  input  logic signed [ActWidth-1:0]  act_i,
  output logic signed [ProdWidth-1:0] prod_o
);

  logic signed [ProdWidth-1:0] act1, act2, sum, prod_d;

  always_comb begin
    act1   = enable1_i ? ProdWidth'(act_i) : '0;
    act2   = enable2_i ? ProdWidth'(act_i) : '0;
    sum    = (act1 <<< shift1_i) + (act2 <<< shift2_i);
    prod_d = negative_i ? -sum : sum;
  end

  flop_en #(.Width(ProdWidth)) u_prod (
    .clk_i,
    .rst_ni,
    .en_i(1'b1),
    .d_i (prod_d),
    .q_o (prod_o)
  );

endmodule
