// The arithmetic core shared by both PEs: a weight register, the multiplier MulKind selects, and
// the saturating add of the product into an accumulator-width operand.
// Golden model: qscale::golden::PeProduct (src/golden/array_config.h) for the product and
// qscale::golden::SaturatingAdd for sum_o.
//
// Parameters:
//   MulKind      0 exact (mul_exact), 1 csd (mul_csd), 2 sp2 (mul_sp2), 3 bitserial
//                (mul_bitserial); the numbering of golden::MulKind
//   ActWidth     A, signed activation width (2..16)
//   WeightWidth  W, signed weight width of exact / csd / bitserial (2..16)
//   Sp2CodeBits  m, SP2 code width (3..8) whose terms an sp2 PE holds (M1 = m / 2)
//   WordWidth    width of wdata_i, at least the weight word: W bits (exact, bitserial),
//                3 + 2*M1 bits (sp2) or csd_recoder's RowWordWidth (csd); higher bits are ignored
//   AccWidth     accumulator width (2..62)
// Weight word (wdata_i, low bits): exact / bitserial: the signed W-bit weight; sp2: the packed
// terms {negative, enable1, enable2, shift1 (M1), shift2 (M1)} (golden::PackWeightWord); csd: the
// weight's recoded rows from csd_recoder (golden::CsdRowWord): the recoder sits once per array
// column in the weight-load path, the PE holds its rows and does only the shift-add.
// Ports:
//   wload_i, wdata_i     the weight register takes wdata_i at the edge ending a cycle with wload_i
//                        high
//   quality_i            csd only: the run-time quality (1..8); ignored by other kinds
//   act_valid_i, act_i   an activation (signed A) multiplied by the held weight; for bitserial
//                        act_valid_i is the multiplier's in_valid (offer one every B cycles)
//   prod_valid_o         high in the cycle the product of a valid activation is ready
//   addend_i             signed AccWidth: the partial sum (pe) or the accumulator (pe_os)
//   sum_o                signed AccWidth: sat_AccWidth(addend_i + product), combinational from
//                        the product register and addend_i
//   held_o               the weight register (the kind's weight word, zero-extended to
//                        WordWidth): pe_os passes it to the PE below
// Latency (act_i to product): 1 cycle for exact, csd, sp2; B cycles for bitserial
// (golden::MulLatency). Weight load: 1 cycle (the weight loaded in cycle t is used from t+1).
module pe_mac #(
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
  input  logic                       wload_i,
  /* verilator lint_off UNUSEDSIGNAL */  // Bits above the kind's weight word; csd-only quality.
  input  logic [WordWidth-1:0]       wdata_i,
  input  logic [3:0]                 quality_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic                       act_valid_i,
  input  logic signed [ActWidth-1:0] act_i,
  output logic                       prod_valid_o,
  input  logic signed [AccWidth-1:0] addend_i,
  output logic signed [AccWidth-1:0] sum_o,
  output logic [WordWidth-1:0]       held_o
);

  localparam int unsigned KindExact     = 0;
  localparam int unsigned KindCsd       = 1;
  localparam int unsigned KindSp2       = 2;
  localparam int unsigned KindBitSerial = 3;

  localparam int unsigned M1        = Sp2CodeBits / 2;
  localparam int unsigned ProdWidth = (MulKind == KindSp2) ? ActWidth + (1 << M1)  // A + F + 1
                                                           : WeightWidth + ActWidth;

  localparam int unsigned CsdRowBits   = qscale_pkg::csd_row_word_width(WeightWidth);
  localparam int unsigned Sp2TermsBits = qscale_pkg::sp2_terms_width(Sp2CodeBits);
  localparam int unsigned HeldBits     = (MulKind == KindSp2) ? Sp2TermsBits
                                       : (MulKind == KindCsd) ? CsdRowBits : WeightWidth;

  if (WordWidth < HeldBits) begin : gen_bad_word
    $error("pe_mac: WordWidth is narrower than the kind's weight word");
  end

  logic signed [ProdWidth-1:0] prod;
  logic [HeldBits-1:0]         held_q;   // the weight register: weight, sp2 terms or csd rows

  flop_en #(.Width(HeldBits)) u_weight (
    .clk_i,
    .rst_ni,
    .en_i(wload_i),
    .d_i (wdata_i[HeldBits-1:0]),
    .q_o (held_q)
  );
  assign held_o = WordWidth'(held_q);

  // The single-cycle multipliers' product is valid one cycle after a valid activation.
  if (MulKind != KindBitSerial) begin : gen_prod_valid
    flop_en #(.Width(1)) u_prod_valid (
      .clk_i,
      .rst_ni,
      .en_i(1'b1),
      .d_i (act_valid_i),
      .q_o (prod_valid_o)
    );
  end

  if (MulKind == KindExact) begin : gen_exact
    mul_exact #(
      .WeightWidth(WeightWidth),
      .ActWidth   (ActWidth)
    ) u_mul (
      .clk_i,
      .rst_ni,
      .weight_i(held_q),
      .act_i,
      .prod_o  (prod)
    );

  end else if (MulKind == KindCsd) begin : gen_csd
    mul_csd_rows #(
      .WeightWidth(WeightWidth),
      .ActWidth   (ActWidth)
    ) u_mul (
      .clk_i,
      .rst_ni,
      .rows_i   (held_q),
      .quality_i,
      .act_i,
      .prod_o   (prod)
    );

  end else if (MulKind == KindSp2) begin : gen_sp2
    mul_sp2 #(
      .ActWidth(ActWidth),
      .CodeBits(Sp2CodeBits)
    ) u_mul (
      .clk_i,
      .rst_ni,
      .negative_i(held_q[2+2*M1]),
      .enable1_i (held_q[1+2*M1]),
      .enable2_i (held_q[2*M1]),
      .shift1_i  (held_q[2*M1-1:M1]),
      .shift2_i  (held_q[M1-1:0]),
      .act_i,
      .prod_o    (prod)
    );

  end else if (MulKind == KindBitSerial) begin : gen_bitserial
    /* verilator lint_off UNUSEDSIGNAL */  // The array's schedule never offers while busy.
    logic in_ready;
    /* verilator lint_on UNUSEDSIGNAL */
    mul_bitserial #(
      .WeightWidth(WeightWidth),
      .ActWidth   (ActWidth)
    ) u_mul (
      .clk_i,
      .rst_ni,
      .in_valid_i (act_valid_i),
      .in_ready_o (in_ready),
      .weight_i   (held_q),
      .act_i,
      .out_valid_o(prod_valid_o),
      .prod_o     (prod)
    );

  end else begin : gen_bad_kind
    $error("pe_mac: MulKind must be 0 (exact), 1 (csd), 2 (sp2) or 3 (bitserial)");
  end

  sat_add #(
    .InWidth (ProdWidth),
    .AccWidth(AccWidth)
  ) u_sat_add (
    .acc_i   (addend_i),
    .addend_i(prod),
    .sum_o
  );

endmodule
