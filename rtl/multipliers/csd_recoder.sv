// Canonic-signed-digit (CSD) recoder of the quality-scalable multiplier (DESIGN.md 1.2): the
// weight-load half of mul_csd, placed once per array column in the weight-load path (pe_array,
// pe_array_os) so that a PE holds the recoded rows and does only the shift-add (mul_csd_rows).
// Golden model: qscale::golden::CsdRowWord (src/golden/mul_csd.h), bit for bit; the digits are
// golden::CsdDigits.
//
// Parameters: WeightWidth W (2..16). Rows = ceil(W/2) (the largest number of non-zero CSD digits
// of a W-bit weight), PosBits = clog2(W), RowWordWidth = Rows * (2 + PosBits) (48 at W = 16).
// Ports:
//   weight_i  signed W         the weight
//   rows_o    RowWordWidth     {valid[Rows], negative[Rows], position[Rows][PosBits]}: row r
//                              (valid, negative, position) is the r-th non-zero digit of the
//                              weight's non-adjacent form counted from the top,
//                              d_i = bit_(i+1)(3w) - bit_(i+1)(w) (w sign-extended to W+2 bits);
//                              rows below the last digit are all 0. Position of row r at
//                              [r*PosBits +: PosBits], valid of row r at bit Rows*(1+PosBits)+r,
//                              negative at bit Rows*PosBits+r.
// Latency: 0 (combinational); the word is registered by the PE's weight register.
module csd_recoder #(
  parameter int unsigned WeightWidth = 16,
  localparam int unsigned Rows         = (WeightWidth + 1) / 2,
  localparam int unsigned PosBits      = $clog2(WeightWidth),
  localparam int unsigned RowWordWidth = qscale_pkg::csd_row_word_width(WeightWidth)
) (
  input  logic signed [WeightWidth-1:0] weight_i,
  output logic [RowWordWidth-1:0]       rows_o
);

  if (WeightWidth < 2 || WeightWidth > 16) begin : gen_bad_width
    $error("csd_recoder: WeightWidth must be 2..16");
  end

  // Only bits 1..W of 3w and w form digits; the extra bits keep 3w exact.
  /* verilator lint_off UNUSEDSIGNAL */
  logic [WeightWidth+1:0] w_ext, w_times3;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [WeightWidth-1:0]  plus, minus, nonzero;
  logic [Rows-1:0]         row_valid, row_neg;
  logic [Rows*PosBits-1:0] row_pos;

  always_comb begin
    w_ext    = (WeightWidth + 2)'(weight_i);
    w_times3 = w_ext + (w_ext << 1);
    plus     = w_times3[WeightWidth:1] & ~w_ext[WeightWidth:1];
    minus    = ~w_times3[WeightWidth:1] & w_ext[WeightWidth:1];
    nonzero  = plus | minus;
  end

  // Row r takes the non-zero digit that has exactly r non-zero digits above it.
  always_comb begin
    logic [4:0] above;
    row_valid = '0;
    row_neg   = '0;
    row_pos   = '0;
    above     = '0;
    for (int i = WeightWidth - 1; i >= 0; i--) begin
      for (int r = 0; r < Rows; r++) begin
        if (nonzero[i] && above == 5'(r)) begin
          row_valid[r]                = 1'b1;
          row_neg[r]                  = minus[i];
          row_pos[r*PosBits+:PosBits] = PosBits'(i);
        end
      end
      above = above + 5'(nonzero[i]);
    end
  end

  assign rows_o = {row_valid, row_neg, row_pos};

endmodule
