// MSQ sum-of-two-powers-of-two (SP2) weight decoder (DESIGN.md section 1.4).
// Golden model: qscale::golden::Sp2Decode (src/golden/sp2_decoder.h), bit for bit.
//
// Code of m = CodeBits bits (3..8): [sign | c1 (M1 bits) | c2 (M2 bits)], MSB first, with
// M1 = ceil((m-1)/2), M2 = floor((m-1)/2) (4 bits -> (2, 1), 8 bits -> (4, 3)); F = 2^M1 - 1.
// Ports:
//   valid_i / valid_o      a code is decoded only when valid_i is high; valid_o follows
//   code_i      unsigned CodeBits
//   negative_o  the sign bit (a code with both terms off still decodes to 0)
//   enable1_o   c1 != 0;  shift1_o unsigned M1: F - c1 when enabled, else 0
//   enable2_o   c2 != 0;  shift2_o unsigned M1: F - c2 when enabled, else 0
// The weight is w_int = (negative ? -1 : +1) * ((en1 ? 2^shift1 : 0) + (en2 ? 2^shift2 : 0));
// mul_sp2 consumes the terms directly (the PE packs them, pe_mac.sv).
// Latency: 1 (kSp2DecoderLatency): a code presented with valid_i in cycle t gives its terms in
// cycle t+1; the outputs hold while valid_i is low.
module sp2_decoder #(
  parameter int unsigned CodeBits = 4,
  localparam int unsigned M1         = CodeBits / 2,
  localparam int unsigned M2         = (CodeBits - 1) / 2,
  localparam int unsigned TermsWidth = qscale_pkg::sp2_terms_width(CodeBits)
) (
  input  logic                clk_i,
  input  logic                rst_ni,
  input  logic                valid_i,
  input  logic [CodeBits-1:0] code_i,
  output logic                valid_o,
  output logic                negative_o,
  output logic                enable1_o,
  output logic                enable2_o,
  output logic [M1-1:0]       shift1_o,
  output logic [M1-1:0]       shift2_o
);

  localparam logic [M1-1:0] MaxExponent = {M1{1'b1}};  // F = 2^M1 - 1

  logic [M1-1:0] c1, c2;
  logic [TermsWidth-1:0] terms_d, terms_q;  // {negative, enable1, enable2, shift1, shift2}

  always_comb begin
    c1 = code_i[CodeBits-2:M2];
    c2 = M1'(code_i[M2-1:0]);
    terms_d = {code_i[CodeBits-1], c1 != '0, c2 != '0,
               (c1 != '0) ? MaxExponent - c1 : '0,
               (c2 != '0) ? MaxExponent - c2 : '0};
  end

  valid_reg #(.Width(TermsWidth)) u_out (
    .clk_i,
    .rst_ni,
    .valid_i,
    .data_i (terms_d),
    .valid_o,
    .data_o (terms_q)
  );

  assign {negative_o, enable1_o, enable2_o, shift1_o, shift2_o} = terms_q;

endmodule
