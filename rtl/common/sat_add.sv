// Saturating adder (combinational): sum_o = sat_AccWidth(acc_i + addend_i), where sat clamps to
// the signed AccWidth range [-2^(AccWidth-1), 2^(AccWidth-1)-1]. The sum is formed exactly in
// max(AccWidth, InWidth) + 1 bits before clamping, so an addend wider than the accumulator
// saturates correctly. Ports: acc_i signed AccWidth, addend_i signed InWidth, sum_o signed
// AccWidth. Latency: 0 (the caller registers). Golden model: qscale::golden::SaturatingAdd
// (src/golden/saturate.h). Used by acc_sat, pe and pe_os.
module sat_add #(
  parameter int unsigned InWidth  = 16,
  parameter int unsigned AccWidth = 32
) (
  input  logic signed [AccWidth-1:0] acc_i,
  input  logic signed [InWidth-1:0]  addend_i,
  output logic signed [AccWidth-1:0] sum_o
);

  // One guard bit beyond the wider operand holds the exact sum.
  localparam int unsigned SumWidth = ((InWidth > AccWidth) ? InWidth : AccWidth) + 1;

  localparam logic signed [SumWidth-1:0] MaxAcc = SumWidth'({1'b0, {(AccWidth-1){1'b1}}});
  localparam logic signed [SumWidth-1:0] MinAcc = -MaxAcc - SumWidth'(1);

  logic signed [SumWidth-1:0] sum;

  always_comb begin
    sum = SumWidth'(acc_i) + SumWidth'(addend_i);
    if (sum > MaxAcc) begin
      sum_o = MaxAcc[AccWidth-1:0];
    end else if (sum < MinAcc) begin
      sum_o = MinAcc[AccWidth-1:0];
    end else begin
      sum_o = sum[AccWidth-1:0];
    end
  end

endmodule
