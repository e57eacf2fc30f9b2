// Bit-serial multiplier: NUUQ's small-area alternative to the parallel B-bit multiplier
// (DESIGN.md 1.3). Golden model: qscale::golden::BitSerialStep / MulBitSerial
// (src/golden/mul_bitserial.h), bit for bit and cycle for cycle.
//
// Parameters: WeightWidth B (2..16), ActWidth A (2..16).
// Ports:
//   in_valid_i, in_ready_o    operand handshake: weight_i and act_i are accepted at the clock
//                             edge ending a cycle t0 with in_valid_i & in_ready_o
//   weight_i  signed B        consumed one bit per cycle, LSB first
//   act_i     signed A        held (as a left-shifting copy) while the weight's bits go by
//   out_valid_o               high for exactly one cycle, t0 + B, when prod_o takes the product
//   prod_o    signed A+B      weight * act, exact; holds its last product until the next one
// Datapath: P_0 = 0, P_(k+1) = P_k + w_k * (a << k) for k < B-1, and the MSB's term is
// subtracted (it weighs -2^(B-1)): P_B = P_(B-1) - w_(B-1) * (a << (B-1)) = w * a. The edge that
// accepts the operands already adds bit 0's term, so the partial-sum register holds P_k in cycle
// t0 + k. One adder/subtractor, a shifting weight register and a shifting activation register;
// no multiplier array and no barrel shifter.
// Timing: latency B cycles (BitSerialLatency); in_ready_o is low in cycles t0+1 .. t0+B-1 and high
// in t0 + B, so back-to-back operands are accepted every B cycles (BitSerialInitiationInterval).
module mul_bitserial #(
  parameter int unsigned WeightWidth = 8,
  parameter int unsigned ActWidth    = 8
) (
  input  logic                                   clk_i,
  input  logic                                   rst_ni,
  input  logic                                   in_valid_i,
  output logic                                   in_ready_o,
  input  logic signed [WeightWidth-1:0]          weight_i,
  input  logic signed [ActWidth-1:0]             act_i,
  output logic                                   out_valid_o,
  output logic signed [WeightWidth+ActWidth-1:0] prod_o
);

  localparam int unsigned ProdWidth = WeightWidth + ActWidth;
  localparam int unsigned CntBits   = $clog2(WeightWidth);
  localparam logic [CntBits-1:0] LastBit = CntBits'(WeightWidth - 1);

  logic                         busy_q;
  logic [CntBits-1:0]           bit_q;      // index of the weight bit the next edge consumes
  logic [WeightWidth-2:0]       weight_q;   // the weight's unconsumed bits, next one at bit 0
  logic signed [ProdWidth-1:0]  act_q;      // act << bit_q
  logic signed [ProdWidth-1:0]  partial_q;  // P_(bit_q)
  logic signed [ProdWidth-1:0]  prod_q;
  logic                         out_valid_q;

  logic                        accept, last;
  logic signed [ProdWidth-1:0] act_ext, term, partial_d;

  assign in_ready_o = ~busy_q;
  assign accept     = in_valid_i & ~busy_q;
  assign last       = bit_q == LastBit;

  always_comb begin
    act_ext   = ProdWidth'(act_i);
    term      = weight_q[0] ? act_q : '0;
    partial_d = last ? partial_q - term : partial_q + term;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q      <= 1'b0;
      bit_q       <= '0;
      weight_q    <= '0;
      act_q       <= '0;
      partial_q   <= '0;
      prod_q      <= '0;
      out_valid_q <= 1'b0;
    end else begin
      out_valid_q <= 1'b0;
      if (accept) begin
        // Bit 0's term (bit 0 is never the MSB: B >= 2).
        busy_q    <= 1'b1;
        bit_q     <= CntBits'(1);
        weight_q  <= weight_i[WeightWidth-1:1];
        act_q     <= act_ext <<< 1;
        partial_q <= weight_i[0] ? act_ext : '0;
      end else if (busy_q) begin
        bit_q     <= bit_q + CntBits'(1);
        weight_q  <= weight_q >> 1;
        act_q     <= act_q <<< 1;
        partial_q <= partial_d;
        if (last) begin
          busy_q      <= 1'b0;
          prod_q      <= partial_d;
          out_valid_q <= 1'b1;
        end
      end
    end
  end

  assign prod_o      = prod_q;
  assign out_valid_o = out_valid_q;

endmodule
