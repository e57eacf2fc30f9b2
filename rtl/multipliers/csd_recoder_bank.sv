// The weight edge of an array (pe_array, pe_array_os): one csd_recoder per csd column turns the
// column's weight word into the recoded rows its PEs hold (the weight is stationary in ws, and in
// os the rows stream down the column instead of the weight); other columns pass their word.
// Golden model: qscale::golden::CsdRowWord in csd columns, identity (zero-extended) elsewhere.
//
// Parameters:
//   Cols, MulKind, Sp2Cols, WeightWidth   as in pe_array.sv (csd columns: c >= Sp2Cols when
//                                         MulKind = 1)
//   WordWidth    bits per column of word_i (the array's WordWidth)
//   InnerWidth   bits per column of word_o: at least WordWidth, and at least csd_recoder's
//                RowWordWidth when MulKind = 1
// Ports (column c at [c*Width +: Width]):
//   word_i[c]    the column's weight word (csd columns: the signed weight in the low W bits)
//   word_o[c]    csd columns: {0, rows}; others: {0, word_i[c]}
// Latency: 0 (combinational).
module csd_recoder_bank #(
  parameter int unsigned Cols        = 16,
  parameter int unsigned MulKind     = 1,
  parameter int unsigned Sp2Cols     = 0,
  parameter int unsigned WeightWidth = 16,
  parameter int unsigned WordWidth   = WeightWidth,
  parameter int unsigned InnerWidth  = qscale_pkg::csd_row_word_width(WeightWidth)
) (
  /* verilator lint_off UNUSEDSIGNAL */  // A csd column reads only its word's weight bits.
  input  logic [Cols*WordWidth-1:0]  word_i,
  /* verilator lint_on UNUSEDSIGNAL */
  output logic [Cols*InnerWidth-1:0] word_o
);

  localparam int unsigned KindCsd    = 1;
  localparam int unsigned CsdRowBits = qscale_pkg::csd_row_word_width(WeightWidth);

  if (InnerWidth < WordWidth || (MulKind == KindCsd && InnerWidth < CsdRowBits)) begin : gen_bad
    $error("csd_recoder_bank: InnerWidth must hold the word and, for csd, the recoded rows");
  end

  for (genvar c = 0; c < Cols; c++) begin : gen_col
    if (c >= Sp2Cols && MulKind == KindCsd) begin : gen_recode
      csd_recoder #(.WeightWidth(WeightWidth)) u_recoder (
        .weight_i(word_i[c*WordWidth +: WeightWidth]),
        .rows_o  (word_o[c*InnerWidth +: CsdRowBits])
      );
      if (InnerWidth > CsdRowBits) begin : gen_pad
        assign word_o[c*InnerWidth+CsdRowBits +: InnerWidth-CsdRowBits] = '0;
      end
    end else begin : gen_pass
      assign word_o[c*InnerWidth +: InnerWidth] = InnerWidth'(word_i[c*WordWidth +: WordWidth]);
    end
  end

endmodule
