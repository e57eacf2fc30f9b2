// Exact signed multiplier: int8 and fixed-point PEs, MSQ's fixed-point (DSP) rows, NUUQ's
// parallel B-bit multiplier.
// Golden model: qscale::golden::MulExact (src/golden/mul_exact.h), bit for bit.
//
// Ports (W = WeightWidth, A = ActWidth, each 1..16):
//   weight_i  signed W
//   act_i     signed A
//   prod_o    signed W+A   weight * act, exact: (-2^(W-1)) * (-2^(A-1)) = 2^(W+A-2) fits
// Latency: 1 (kMulExactLatency): operands presented in cycle t give the product in cycle t+1.
// This port list (clk_i, rst_ni, weight_i, act_i -> registered prod_o) is the drop-in interface
// for a user's own multiplier; see rtl/README.md, "Adding a multiplier".
module mul_exact #(
  parameter int unsigned WeightWidth = 8,
  parameter int unsigned ActWidth    = 8
) (
  input  logic                                clk_i,
  input  logic                                rst_ni,
  input  logic signed [WeightWidth-1:0]       weight_i,
  input  logic signed [ActWidth-1:0]          act_i,
  output logic signed [WeightWidth+ActWidth-1:0] prod_o
);

  localparam int unsigned ProdWidth = WeightWidth + ActWidth;

  logic signed [ProdWidth-1:0] prod_d;

  assign prod_d = ProdWidth'(weight_i) * ProdWidth'(act_i);

  flop_en #(.Width(ProdWidth)) u_prod (
    .clk_i,
    .rst_ni,
    .en_i(1'b1),
    .d_i (prod_d),
    .q_o (prod_o)
  );

endmodule
