// Weight-stationary processing element: a weight register, the multiplier MulKind selects, and a
// saturating add of the product into the partial sum passing down the column:
//   psum_o = sat_AccWidth(psum_i + weight * act).
// Golden model: qscale::golden::PeProduct + qscale::golden::SaturatingAdd
// (src/golden/array_config.h, src/golden/saturate.h); the array of these is pe_array.
//
// Parameters: MulKind, ActWidth, WeightWidth, Sp2CodeBits, WordWidth, AccWidth as in pe_mac.sv.
// Ports:
//   wload_i, wdata_i            weight load (the array addresses one row per cycle)
//   quality_i                   csd quality (1..8), ignored by other kinds
//   act_valid_i, act_i          activation (signed ActWidth) from the left neighbour
//   act_valid_o, act_o          the same, registered: to the right neighbour one cycle later
//   psum_valid_i, psum_i        partial sum (signed AccWidth) from the PE above (or the bias)
//   psum_valid_o, psum_o        registered: sat(psum_i + product), to the PE below
// Timing (L = MulLatency: 1, or WeightWidth for bitserial): an activation presented in cycle t
// meets the psum_i presented in cycle t + L; their sum is on psum_o in cycle t + L + 1
// (PeLatency = L + 1). psum_valid_o = psum_valid_i & (the product is valid) one cycle later.
// For bitserial, activations may be offered every WeightWidth cycles only.
module pe #(
  parameter int unsigned MulKind     = 0,
  parameter int unsigned ActWidth    = 8,
  parameter int unsigned WeightWidth = 8,
  parameter int unsigned Sp2CodeBits = 4,
  parameter int unsigned WordWidth   =
      (MulKind == 1) ? qscale_pkg::csd_row_word_width(WeightWidth) : WeightWidth,
  parameter int unsigned AccWidth    = 32
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,
  input  logic [3:0]                 quality_i,
  input  logic                       wload_i,
  input  logic [WordWidth-1:0]       wdata_i,
  input  logic                       act_valid_i,
  input  logic signed [ActWidth-1:0] act_i,
  output logic                       act_valid_o,
  output logic signed [ActWidth-1:0] act_o,
  input  logic                       psum_valid_i,
  input  logic signed [AccWidth-1:0] psum_i,
  output logic                       psum_valid_o,
  output logic signed [AccWidth-1:0] psum_o
);

  logic                       act_valid_q, psum_valid_q, prod_valid;
  logic signed [ActWidth-1:0] act_q;
  logic signed [AccWidth-1:0] psum_d, psum_q;
  /* verilator lint_off UNUSEDSIGNAL */  // The weight stays in this PE (pe_os passes it on).
  logic [WordWidth-1:0]       held;
  /* verilator lint_on UNUSEDSIGNAL */

  pe_mac #(
    .MulKind    (MulKind),
    .ActWidth   (ActWidth),
    .WeightWidth(WeightWidth),
    .Sp2CodeBits(Sp2CodeBits),
    .WordWidth  (WordWidth),
    .AccWidth   (AccWidth)
  ) u_mac (
    .clk_i,
    .rst_ni,
    .wload_i,
    .wdata_i,
    .quality_i,
    .act_valid_i,
    .act_i,
    .prod_valid_o(prod_valid),
    .addend_i    (psum_i),
    .sum_o       (psum_d),
    .held_o      (held)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      act_valid_q  <= 1'b0;
      act_q        <= '0;
      psum_valid_q <= 1'b0;
      psum_q       <= '0;
    end else begin
      act_valid_q  <= act_valid_i;
      act_q        <= act_i;
      psum_valid_q <= psum_valid_i & prod_valid;
      psum_q       <= psum_d;
    end
  end

  assign act_valid_o  = act_valid_q;
  assign act_o        = act_q;
  assign psum_valid_o = psum_valid_q;
  assign psum_o       = psum_q;

endmodule
