// Valid-qualified output stage of the decoders: valid_o is valid_i one cycle later; data_o takes
// data_i at the edge ending a cycle with valid_i high and holds its value otherwise (so an idle
// decoder's output does not switch). Ports: valid_i/valid_o 1 bit, data_i/data_o unsigned Width
// bits. Latency: 1. Reset: valid_o = 0, data_o = 0. Built from flop_en.
module valid_reg #(
  parameter int unsigned Width = 1
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             valid_i,
  input  logic [Width-1:0] data_i,
  output logic             valid_o,
  output logic [Width-1:0] data_o
);

  flop_en #(.Width(1)) u_valid (
    .clk_i,
    .rst_ni,
    .en_i(1'b1),
    .d_i (valid_i),
    .q_o (valid_o)
  );

  flop_en #(.Width(Width)) u_data (
    .clk_i,
    .rst_ni,
    .en_i(valid_i),
    .d_i (data_i),
    .q_o (data_o)
  );

endmodule
