// QSQ shift-and-scale weight decoder (DESIGN.md section 1.2).
// Golden model: qscale::golden::QsqDecode (src/golden/qsq_decoder.h), bit for bit.
//
// Ports (P = ParamBits, 2..16):
//   code_i    unsigned 3   [sign | e1 e0]: bit 2 = negative, e = magnitude index
//   scale_i   signed   P   the vector's scale s
//   mean_i    signed   P   the vector's mean m (tie to 0 when the layer has none)
//   valid_i / valid_o      a code is decoded only when valid_i is high; valid_o follows
//   weight_o  signed   P+3 w = 0 for e = 0, else m + (sign ? -1 : +1) * (s << (e-1))
// Width: w lies in [-5*2^(P-1), 5*2^(P-1)-1], exactly P + 3 bits (QsqWeightBits); no rounding,
// no saturation.
// Latency: 1 (kQsqDecoderLatency). A code presented with valid_i in cycle t is decoded on
// weight_o, with valid_o high, in cycle t+1; weight_o holds its value while valid_i is low.
module qsq_decoder #(
  parameter int unsigned ParamBits = 8
) (
  input  logic                        clk_i,
  input  logic                        rst_ni,
  input  logic                        valid_i,
  input  logic [2:0]                  code_i,
  input  logic signed [ParamBits-1:0] scale_i,
  input  logic signed [ParamBits-1:0] mean_i,
  output logic                        valid_o,
  output logic signed [ParamBits+2:0] weight_o
);

  localparam int unsigned WeightBits = ParamBits + 3;

  logic signed [WeightBits-1:0] scale_ext, magnitude, weight_d;

  always_comb begin
    scale_ext = WeightBits'(scale_i);
    // e = 1, 2, 3 shift the scale by 0, 1, 2; e = 0 is handled below.
    unique case (code_i[1:0])
      2'd2:    magnitude = scale_ext <<< 1;
      2'd3:    magnitude = scale_ext <<< 2;
      default: magnitude = scale_ext;
    endcase
    if (code_i[1:0] == 2'd0) begin
      weight_d = '0;
    end else if (code_i[2]) begin
      weight_d = WeightBits'(mean_i) - magnitude;
    end else begin
      weight_d = WeightBits'(mean_i) + magnitude;
    end
  end

  valid_reg #(.Width(WeightBits)) u_out (
    .clk_i,
    .rst_ni,
    .valid_i,
    .data_i (weight_d),
    .valid_o,
    .data_o (weight_o)
  );

endmodule
