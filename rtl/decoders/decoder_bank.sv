// The decoder bank between the weight buffer and the array's load port (DESIGN.md section 2):
// one decoder per column turns the stored code of the column's next weight into the word its PE
// holds. The layer's coding selects the decoder; every decoder is registered (1 cycle,
// kDecoderCycles in sim/program.h), so the bank adds one cycle in front of the load port, which
// the accelerator's schedule already counts (docs/timing.md).
// Golden models, per column: WrapSigned(code, bits) (int), golden::QsqDecode, golden::NuuqDecode,
// golden::Sp2Decode (packed by golden::PackWeightWord); the layer-level composition is
// golden::DecodeLayerWeights.
//
// Parameters:
//   Cols          columns (1..64)
//   WeightWidth   W, the array's signed weight width (5..16); QSQ parameters are W-3 bits wide
//                 (ParamBits) so the decoded QSQ weight is exactly W bits
//   Sp2Cols       columns 0 .. Sp2Cols-1 hold SP2 shift-add PEs: their decoders are SP2 decoders
//                 (one per code width 3 .. Sp2CodeBits, selected by bits_i); the others hold the
//                 int, QSQ and NUUQ decoders
//   Sp2CodeBits   the widest SP2 code (3..8)
//   IndexBits     NUUQ index width (1..8): tables of 2^IndexBits rows
//   WordWidth     (derived) bits per column of word_o, pe_array's WordWidth
// Ports (flattened vectors, column c at [c*Width +: Width]):
//   coding_i[2]         the layer's coding, held for the layer (qnn::WeightCoding): 0 int, 1 qsq,
//                       2 nuuq, 3 msq (SP2 columns: SP2 decoder; the others: int of bits_i);
//                       registered with each code, so a column's word is the output of the
//                       decoder that decoded its last code
//   valid_i[c]          decode column c's code this cycle; its word holds while valid_i[c] is low
//   code_i[c]           CodeWidth bits: int / MSQ fixed: the stored two's-complement code (low
//                       bits_i bits); qsq: the 3-bit code; nuuq: the level index; SP2: the code
//   bits_i[c]           5 bits: int / MSQ rows: the stored width (int 1..W, SP2 3..Sp2CodeBits)
//   scale_i[c], mean_i[c]   signed ParamBits: the QSQ vector's scale and mean (0 without mean)
//   levels_i            IndexBits+1 bits: NUUQ N, held for the layer
//   lut_we_i, lut_addr_i    NUUQ table load: every column's row lut_addr_i takes lut_data_i[c]
//   lut_data_i[c]       signed W: the entry (per-channel tables differ by column)
//   word_o[c]           WordWidth: the weight (W bits, zero-extended) or, in SP2 columns, the
//                       SP2 terms {negative, enable1, enable2, shift1, shift2} with
//                       M1 = Sp2CodeBits/2-bit shifts (golden::PackWeightWord)
// Latency: 1. A code presented with valid_i in cycle t gives its word in cycle t+1. A table row
// written in cycle t is read by indices presented from t+1 on.
module decoder_bank #(
  parameter int unsigned Cols        = 16,
  parameter int unsigned WeightWidth = 16,
  parameter int unsigned Sp2Cols     = 0,
  parameter int unsigned Sp2CodeBits = 4,
  parameter int unsigned IndexBits   = 8,
  localparam int unsigned ParamBits    = WeightWidth - 3,
  localparam int unsigned Sp2M1        = Sp2CodeBits / 2,
  localparam int unsigned Sp2WordWidth = qscale_pkg::sp2_terms_width(Sp2CodeBits),
  localparam int unsigned WordWidth    =
      (Sp2Cols > 0 && Sp2WordWidth > WeightWidth) ? Sp2WordWidth : WeightWidth,
  localparam int unsigned CodeWidth    = (WeightWidth > IndexBits) ? WeightWidth : IndexBits
) (
  input  logic                            clk_i,
  input  logic                            rst_ni,
  input  logic [1:0]                      coding_i,
  input  logic [Cols-1:0]                 valid_i,
  /* verilator lint_off UNUSEDSIGNAL */  // Each decoder reads the code bits of its kind.
  input  logic [Cols*CodeWidth-1:0]       code_i,
  input  logic [Cols*5-1:0]               bits_i,
  input  logic [Cols*ParamBits-1:0]       scale_i,
  input  logic [Cols*ParamBits-1:0]       mean_i,
  input  logic [IndexBits:0]              levels_i,
  input  logic                            lut_we_i,
  input  logic [IndexBits-1:0]            lut_addr_i,
  input  logic [Cols*WeightWidth-1:0]     lut_data_i,
  /* verilator lint_on UNUSEDSIGNAL */
  output logic [Cols*WordWidth-1:0]       word_o
);

  localparam logic [1:0] CodingInt  = 2'd0;
  localparam logic [1:0] CodingQsq  = 2'd1;
  localparam logic [1:0] CodingNuuq = 2'd2;
  localparam logic [1:0] CodingMsq  = 2'd3;

  if (WeightWidth < 5 || WeightWidth > 16) begin : gen_bad_weight_width
    $error($sformatf("decoder_bank: WeightWidth = %0d; must be 5..16", WeightWidth));
  end
  if (Sp2Cols > Cols) begin : gen_bad_sp2_cols
    $error($sformatf("decoder_bank: Sp2Cols = %0d; must be <= Cols = %0d", Sp2Cols, Cols));
  end
  if (Sp2CodeBits < 3 || Sp2CodeBits > 8) begin : gen_bad_sp2_code_bits
    $error($sformatf("decoder_bank: Sp2CodeBits = %0d; must be 3..8", Sp2CodeBits));
  end
  if (IndexBits < 1 || IndexBits > 8) begin : gen_bad_index_bits
    $error($sformatf("decoder_bank: IndexBits = %0d; must be 1..8", IndexBits));
  end

  for (genvar c = 0; c < Cols; c++) begin : gen_col
    /* verilator lint_off UNUSEDSIGNAL */  // An SP2 column reads only its code's low bits.
    logic [CodeWidth-1:0] code;
    /* verilator lint_on UNUSEDSIGNAL */
    logic [4:0]           bits;
    assign code = code_i[c*CodeWidth +: CodeWidth];
    assign bits = bits_i[c*5 +: 5];

    if (c < Sp2Cols) begin : gen_sp2
      // One SP2 decoder per code width; bits_i picks the row's.
      logic [(Sp2CodeBits-2)*Sp2WordWidth-1:0] terms;
      /* verilator lint_off UNUSEDSIGNAL */
      logic [Sp2CodeBits-3:0] valid_q;
      /* verilator lint_on UNUSEDSIGNAL */
      for (genvar m = 3; m <= Sp2CodeBits; m++) begin : gen_width
        localparam int unsigned M1 = m / 2;
        logic          negative, enable1, enable2;
        logic [M1-1:0] shift1, shift2;
        sp2_decoder #(.CodeBits(m)) u_sp2 (
          .clk_i,
          .rst_ni,
          .valid_i   (valid_i[c] && coding_i == CodingMsq && bits == 5'(m)),
          .code_i    (code[m-1:0]),
          .valid_o   (valid_q[m-3]),
          .negative_o(negative),
          .enable1_o (enable1),
          .enable2_o (enable2),
          .shift1_o  (shift1),
          .shift2_o  (shift2)
        );
        assign terms[(m-3)*Sp2WordWidth +: Sp2WordWidth] =
            {negative, enable1, enable2, Sp2M1'(shift1), Sp2M1'(shift2)};
      end
      // The width of the row last decoded selects its terms.
      logic [4:0] bits_q;
      flop_en #(.Width(5)) u_bits (
        .clk_i,
        .rst_ni,
        .en_i(valid_i[c] && coding_i == CodingMsq),
        .d_i (bits),
        .q_o (bits_q)
      );
      logic [Sp2WordWidth-1:0] word;
      always_comb begin
        word = '0;
        for (int m = 3; m <= Sp2CodeBits; m++) begin
          if (bits_q == 5'(m)) word = terms[(m-3)*Sp2WordWidth +: Sp2WordWidth];
        end
      end
      assign word_o[c*WordWidth +: WordWidth] = WordWidth'(word);

    end else begin : gen_weight
      // int (and MSQ fixed rows): the code sign-extended from bits_i bits.
      logic [WeightWidth-1:0] int_d, int_q, shifted;
      logic [4:0]             gap;
      always_comb begin
        gap     = 5'(WeightWidth) - bits;
        shifted = code[WeightWidth-1:0] << gap;
        int_d   = WeightWidth'($signed(shifted) >>> gap);
      end
      /* verilator lint_off UNUSEDSIGNAL */
      logic int_valid, qsq_valid, nuuq_valid;
      /* verilator lint_on UNUSEDSIGNAL */
      valid_reg #(.Width(WeightWidth)) u_int (
        .clk_i,
        .rst_ni,
        .valid_i(valid_i[c] && (coding_i == CodingInt || coding_i == CodingMsq)),
        .data_i (int_d),
        .valid_o(int_valid),
        .data_o (int_q)
      );

      logic signed [WeightWidth-1:0] qsq_q, nuuq_q;
      qsq_decoder #(.ParamBits(ParamBits)) u_qsq (
        .clk_i,
        .rst_ni,
        .valid_i (valid_i[c] && coding_i == CodingQsq),
        .code_i  (code[2:0]),
        .scale_i (scale_i[c*ParamBits +: ParamBits]),
        .mean_i  (mean_i[c*ParamBits +: ParamBits]),
        .valid_o (qsq_valid),
        .weight_o(qsq_q)
      );

      nuuq_decoder #(
        .IndexBits(IndexBits),
        .GridBits (WeightWidth)
      ) u_nuuq (
        .clk_i,
        .rst_ni,
        .lut_we_i,
        .lut_addr_i,
        .lut_data_i(lut_data_i[c*WeightWidth +: WeightWidth]),
        .levels_i,
        .valid_i   (valid_i[c] && coding_i == CodingNuuq),
        .index_i   (code[IndexBits-1:0]),
        .valid_o   (nuuq_valid),
        .weight_o  (nuuq_q)
      );

      // The coding of the code last decoded selects the word (registered with it, so the word
      // depends on registers only).
      logic [1:0] coding_q;
      flop_en #(.Width(2)) u_coding (
        .clk_i,
        .rst_ni,
        .en_i(valid_i[c]),
        .d_i (coding_i),
        .q_o (coding_q)
      );
      logic [WeightWidth-1:0] word;
      always_comb begin
        unique case (coding_q)
          CodingQsq:  word = qsq_q;
          CodingNuuq: word = nuuq_q;
          default:    word = int_q;
        endcase
      end
      assign word_o[c*WordWidth +: WordWidth] = WordWidth'(word);
    end
  end

endmodule
