// NUUQ level-LUT weight decoder with a table load port (DESIGN.md section 1.3).
// Golden model: qscale::golden::NuuqDecode (src/golden/nuuq_decoder.h), bit for bit.
//
// The table has 2^IndexBits rows of GridBits-bit signed values (IndexBits 1..8, GridBits 2..16).
// A layer with N levels (2 <= N <= 2^IndexBits) loads rows 0..N-1 and drives levels_i = N; rows
// at N and above decode to 0 whatever they hold, as the golden model's table rows beyond N.
//
// Ports:
//   lut_we_i, lut_addr_i (IndexBits), lut_data_i (signed GridBits)
//                          load port: row lut_addr_i takes lut_data_i at the clock edge ending a
//                          cycle with lut_we_i high (one row per cycle; a value wider than
//                          GridBits is wrapped by the port, as the golden model wraps it)
//   levels_i  unsigned IndexBits+1   N, held for the layer
//   valid_i / valid_o      an index is decoded only when valid_i is high; valid_o follows
//   index_i   unsigned IndexBits     the level index
//   weight_o  signed GridBits        lut[index] if index < N, else 0
// Latency: 1 (kNuuqDecoderLatency). An index presented with valid_i in cycle t is decoded on
// weight_o in cycle t+1; weight_o holds while valid_i is low. A row written in cycle t is read
// by indices presented from cycle t+1 on (a read in the same cycle sees the old row).
// The table rows have no reset (a RAM); the output register does.
module nuuq_decoder #(
  parameter int unsigned IndexBits = 8,
  parameter int unsigned GridBits  = 8
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,
  input  logic                       lut_we_i,
  input  logic [IndexBits-1:0]       lut_addr_i,
  input  logic signed [GridBits-1:0] lut_data_i,
  input  logic [IndexBits:0]         levels_i,
  input  logic                       valid_i,
  input  logic [IndexBits-1:0]       index_i,
  output logic                       valid_o,
  output logic signed [GridBits-1:0] weight_o
);

  localparam int unsigned TableRows = 1 << IndexBits;

  logic [GridBits-1:0]        lut_q [TableRows];
  logic signed [GridBits-1:0] weight_d;

  always_ff @(posedge clk_i) begin
    if (lut_we_i) begin
      lut_q[lut_addr_i] <= lut_data_i;
    end
  end

  always_comb begin
    if ({1'b0, index_i} < levels_i) begin
      weight_d = lut_q[index_i];
    end else begin
      weight_d = '0;
    end
  end

  valid_reg #(.Width(GridBits)) u_out (
    .clk_i,
    .rst_ni,
    .valid_i,
    .data_i (weight_d),
    .valid_o,
    .data_o (weight_o)
  );

endmodule
