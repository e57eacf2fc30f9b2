// Saturating accumulator: acc_q <= sat(acc_q + addend_i) each enabled cycle, where sat clamps
// to the signed AccWidth range [-2^(AccWidth-1), 2^(AccWidth-1)-1]. clear_i loads zero and wins
// over en_i. Golden model: qscale::golden::SaturatingAdd (src/golden/saturate.h).
// Latency: the sum of the addend presented in cycle t is on acc_o in cycle t+1.
module acc_sat #(
  parameter int unsigned InWidth  = 16,
  parameter int unsigned AccWidth = 32
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,
  input  logic                       clear_i,
  input  logic                       en_i,
  input  logic signed [InWidth-1:0]  addend_i,
  output logic signed [AccWidth-1:0] acc_o
);

  // One guard bit beyond the wider operand holds the exact sum.
  localparam int unsigned SumWidth = ((InWidth > AccWidth) ? InWidth : AccWidth) + 1;

  localparam logic signed [SumWidth-1:0] MaxAcc = SumWidth'({1'b0, {(AccWidth-1){1'b1}}});
  localparam logic signed [SumWidth-1:0] MinAcc = -MaxAcc - SumWidth'(1);

  logic signed [SumWidth-1:0] sum;
  logic signed [AccWidth-1:0] acc_d, acc_q;

  always_comb begin
    sum = SumWidth'(acc_q) + SumWidth'(addend_i);
    if (sum > MaxAcc) begin
      acc_d = MaxAcc[AccWidth-1:0];
    end else if (sum < MinAcc) begin
      acc_d = MinAcc[AccWidth-1:0];
    end else begin
      acc_d = sum[AccWidth-1:0];
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      acc_q <= '0;
    end else if (clear_i) begin
      acc_q <= '0;
    end else if (en_i) begin
      acc_q <= acc_d;
    end
  end

  assign acc_o = acc_q;

endmodule
