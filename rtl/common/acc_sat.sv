// Saturating accumulator: acc_q <= sat(acc_q + addend_i) each enabled cycle, where sat clamps
// to the signed AccWidth range [-2^(AccWidth-1), 2^(AccWidth-1)-1]. clear_i loads zero and wins
// over en_i. Golden model: qscale::golden::SaturatingAdd (src/golden/saturate.h).
// Latency: the sum of the addend presented in cycle t is on acc_o in cycle t+1.
// Instantiates sat_add (rtl/common/sat_add.sv).
// A top of rtl/ (a stand-alone unit; pe uses sat_add): waived for whole-directory lints
// (rtl/README.md, "Lint").
/* verilator lint_off MULTITOP */
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

  logic signed [AccWidth-1:0] acc_d, acc_q;

  sat_add #(
    .InWidth (InWidth),
    .AccWidth(AccWidth)
  ) u_sat_add (
    .acc_i   (acc_q),
    .addend_i(addend_i),
    .sum_o   (acc_d)
  );

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
