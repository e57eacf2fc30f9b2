// Output-stationary processing element: weights stream down and activations stream right, one
// register per hop; the PE multiplies the pair it holds and accumulates its own output,
//   acc = sat_AccWidth(acc + weight * act) for every valid step,
// starting from an initial value shifted in from above. Between tiles the accumulators of a
// column form a shift chain: shift_i moves every acc one row down (results leave at the bottom,
// the next tile's initial values enter at the top).
// Golden model: qscale::golden::PeProduct + qscale::golden::SaturatingAdd; the array of these is
// pe_array_os (src/golden/os_array.h).
//
// Parameters: MulKind, ActWidth, WeightWidth, Sp2CodeBits, WordWidth, AccWidth as in pe_mac.sv.
// Ports:
//   quality_i                   csd quality (1..8), ignored by other kinds
//   w_i / w_o                   weight word from above / to below: w_o is pe_mac's weight
//                               register (registered; the kind's word, upper bits 0)
//   act_valid_i, act_i          step valid and activation from the left
//   act_valid_o, act_o          the same, registered, to the right
//   shift_i                     shift mode (all PEs at once): acc takes psum_i
//   psum_valid_i, psum_i        the accumulator (and its done flag) of the PE above, or at the
//                               top the next tile's initial value (done = 0)
//   psum_valid_o, psum_o        this PE's done flag and accumulator (registers, not registered
//                               again: a shift moves a value one row per cycle)
// Timing: a weight and an activation presented together in cycle t are registered (cycle t+1)
// and multiplied; the product (L = MulLatency cycles later, t + 1 + L) is accumulated at the
// edge ending that cycle, so acc shows it from t + 2 + L. The done flag is set by the first
// accumulation. shift_i wins over an accumulation in the same cycle (the schedule never does it).
// For csd the word is csd_recoder's row word (recoded once per column, at pe_array_os's top
// edge), so the rows move down the column and each PE does only the shift-add.
module pe_os #(
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
  input  logic [WordWidth-1:0]       w_i,
  output logic [WordWidth-1:0]       w_o,
  input  logic                       act_valid_i,
  input  logic signed [ActWidth-1:0] act_i,
  output logic                       act_valid_o,
  output logic signed [ActWidth-1:0] act_o,
  input  logic                       shift_i,
  input  logic                       psum_valid_i,
  input  logic signed [AccWidth-1:0] psum_i,
  output logic                       psum_valid_o,
  output logic signed [AccWidth-1:0] psum_o
);

  logic                       act_valid_q, done_q, prod_valid;
  logic signed [ActWidth-1:0] act_q;
  logic signed [AccWidth-1:0] acc_d, acc_q;

  // The weight register inside pe_mac loads every cycle; it is also the hop to the PE below
  // (the kind's weight word: the bits above it, which no PE of the column reads, pass as 0).
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
    .wload_i     (1'b1),
    .wdata_i     (w_i),
    .quality_i,
    .act_valid_i (act_valid_q),
    .act_i       (act_q),
    .prod_valid_o(prod_valid),
    .addend_i    (acc_q),
    .sum_o       (acc_d),
    .held_o      (w_o)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      act_valid_q <= 1'b0;
      act_q       <= '0;
      done_q      <= 1'b0;
      acc_q       <= '0;
    end else begin
      act_valid_q <= act_valid_i;
      act_q       <= act_i;
      if (shift_i) begin
        done_q <= psum_valid_i;
        acc_q  <= psum_i;
      end else if (prod_valid) begin
        done_q <= 1'b1;
        acc_q  <= acc_d;
      end
    end
  end

  assign act_valid_o  = act_valid_q;
  assign act_o        = act_q;
  assign psum_valid_o = done_q;
  assign psum_o       = acc_q;

endmodule
