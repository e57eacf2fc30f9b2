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
// accepts the operands already adds bit 0's term. The classic shift-add arrangement: after k
// edges P_k = {high_q, low_q[B-1:B-k]}: high_q = P_k >>> k (A bits; |P_k| < |a| 2^k), and the low
// register holds P_k's k finished low bits above the weight's B-k unconsumed bits (w_k at bit 0).
// Each edge adds or subtracts the held activation into the A+1-bit sum of high_q and shifts
// {sum, low_q} right by one. One A+1-bit adder/subtractor, a held activation and one shifting
// A+B-bit register; no multiplier array, no barrel shifter, no A+B-bit adder.
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
  localparam int unsigned SumWidth  = ActWidth + 1;
  localparam int unsigned CntBits   = $clog2(WeightWidth);
  localparam logic [CntBits-1:0] LastBit = CntBits'(WeightWidth - 1);

  logic                         busy_q;
  logic [CntBits-1:0]           bit_q;   // index of the weight bit the next edge consumes
  logic signed [ActWidth-1:0]   act_q;   // the held activation
  logic signed [ActWidth-1:0]   high_q;  // P_(bit_q) >>> bit_q
  logic [WeightWidth-1:0]       low_q;   // {P's finished low bits, unconsumed weight bits}
  logic signed [ProdWidth-1:0]  prod_q;
  logic                         out_valid_q;

  logic                        accept, last;
  logic signed [SumWidth-1:0]  first, term, sum;

  assign in_ready_o = ~busy_q;
  assign accept     = in_valid_i & ~busy_q;
  assign last       = bit_q == LastBit;

  always_comb begin
    first = weight_i[0] ? SumWidth'(act_i) : '0;  // bit 0's term, added by the accepting edge
    term  = low_q[0] ? SumWidth'(act_q) : '0;
    sum   = last ? SumWidth'(high_q) - term : SumWidth'(high_q) + term;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q      <= 1'b0;
      bit_q       <= '0;
      act_q       <= '0;
      high_q      <= '0;
      low_q       <= '0;
      prod_q      <= '0;
      out_valid_q <= 1'b0;
    end else begin
      out_valid_q <= 1'b0;
      if (accept) begin
        // Bit 0's term (bit 0 is never the MSB: B >= 2).
        busy_q <= 1'b1;
        bit_q  <= CntBits'(1);
        act_q  <= act_i;
        high_q <= first[SumWidth-1:1];
        low_q  <= {first[0], weight_i[WeightWidth-1:1]};
      end else if (busy_q) begin
        bit_q  <= bit_q + CntBits'(1);
        high_q <= sum[SumWidth-1:1];
        low_q  <= {sum[0], low_q[WeightWidth-1:1]};
        if (last) begin
          busy_q      <= 1'b0;
          prod_q      <= {sum, low_q[WeightWidth-1:1]};
          out_valid_q <= 1'b1;
        end
      end
    end
  end

  assign prod_o      = prod_q;
  assign out_valid_o = out_valid_q;

endmodule
