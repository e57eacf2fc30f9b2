// Register with enable: q_o takes d_i at the clock edge ending a cycle with en_i high and holds
// otherwise; asynchronous active-low reset to 0. Ports: en_i, d_i and q_o unsigned Width bits
// (signed data passes through bit for bit). Latency: 1. No golden model of its own: it is the
// output, weight and product register of the units in rtl/decoders, rtl/multipliers, rtl/pe.
module flop_en #(
  parameter int unsigned Width = 1
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             en_i,
  input  logic [Width-1:0] d_i,
  output logic [Width-1:0] q_o
);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      q_o <= '0;
    end else if (en_i) begin
      q_o <= d_i;
    end
  end

endmodule
