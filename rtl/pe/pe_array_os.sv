// Output-stationary systolic array of Rows x Cols pe_os (DESIGN.md section 2, `dataflow: os`).
// Golden model (values and cycles): qscale::golden::RunOsTiles (src/golden/os_array.h); timing
// formulas: rtl/README.md, "pe_array_os".
//
// A tile computes an output block O[Rows][Cols]: PE(r, c) accumulates
//   acc = init[r][c];  for k = 0 .. K-1: acc = sat_AccWidth(acc + w[k][c] * x[r][k])
// in exactly that order. Weights stream in at the top of each column (step k of column c in
// cycle T + k*II + c) and move down one row per cycle; activations stream in at the left of each
// row (step k of row r in T + k*II + r, with act_valid) and move right one column per cycle.
// Between tiles, shift_i turns each column's accumulators into a shift register: in each shift
// cycle every acc moves one row down, the bottom row's result is on psum_o with psum_valid_o
// (valid when it holds a computed result), and psum_i (the next tile's initial value) enters the
// top row. Rows shift cycles move a whole tile out and the next tile's initial values in.
//
// Parameters: Rows, Cols, MulKind, Sp2Cols, ActWidth, WeightWidth, Sp2CodeBits, AccWidth and the
// derived WordWidth as in pe_array.sv.
// Ports (flattened vectors, element i at [i*Width +: Width]):
//   quality_i                  csd quality (1..8), all PEs
//   w_i[c]                     column c's weight word stream (WordWidth bits)
//   act_valid_i[r], act_i[r]   row r's activation stream (signed ActWidth) and step valid
//   shift_i                    shift mode (drain this tile / load the next tile's initial values)
//   psum_i[c]                  column c's initial value entering the top in a shift cycle
//   psum_o[c]                  column c's bottom accumulator: the result leaving in a shift cycle
//   psum_valid_o[c]            high in a shift cycle whose psum_o[c] is a computed result
// Timing: see rtl/README.md; a step's product is accumulated 2 + L - 1 cycles after it entered
// the PE (L = 1, or WeightWidth for bitserial).
module pe_array_os #(
  parameter int unsigned Rows        = 16,
  parameter int unsigned Cols        = 16,
  parameter int unsigned MulKind     = 0,
  parameter int unsigned Sp2Cols     = 0,
  parameter int unsigned ActWidth    = 8,
  parameter int unsigned WeightWidth = 8,
  parameter int unsigned Sp2CodeBits = 4,
  parameter int unsigned AccWidth    = 32,
  localparam int unsigned Sp2WordWidth = qscale_pkg::sp2_terms_width(Sp2CodeBits),
  localparam int unsigned WordWidth =
      (MulKind == 2) ? Sp2WordWidth
                     : ((Sp2Cols > 0 && Sp2WordWidth > WeightWidth) ? Sp2WordWidth : WeightWidth),
  // Inside the array a csd column streams csd_recoder's row word instead of the weight.
  localparam int unsigned CsdRowBits = qscale_pkg::csd_row_word_width(WeightWidth),
  localparam int unsigned InnerWidth =
      (MulKind == 1 && CsdRowBits > WordWidth) ? CsdRowBits : WordWidth
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  logic [3:0]                   quality_i,
  input  logic [Cols*WordWidth-1:0]    w_i,
  input  logic [Rows-1:0]              act_valid_i,
  input  logic [Rows*ActWidth-1:0]     act_i,
  input  logic                         shift_i,
  input  logic [Cols*AccWidth-1:0]     psum_i,
  output logic [Cols-1:0]              psum_valid_o,
  output logic [Cols*AccWidth-1:0]     psum_o
);

  localparam int unsigned KindSp2       = 2;
  localparam int unsigned KindBitSerial = 3;

  if (Sp2Cols > Cols || (Sp2Cols > 0 && MulKind == KindBitSerial)) begin : gen_bad_params
    $error("pe_array_os: Sp2Cols must be <= Cols, and 0 with a bitserial base multiplier");
  end

  // Horizontal nets: (r, c) is the input of PE(r, c); column Cols is the unused right edge.
  /* verilator lint_off UNUSEDSIGNAL */
  logic [Rows*(Cols+1)*ActWidth-1:0]  act_h;
  logic [Rows*(Cols+1)-1:0]           act_valid_h;
  // Vertical nets: (r, c) is the input of PE(r, c); row Rows is the bottom (weights unused).
  logic [(Rows+1)*Cols*InnerWidth-1:0] w_v;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [(Rows+1)*Cols*AccWidth-1:0]  psum_v;
  logic [(Rows+1)*Cols-1:0]           psum_valid_v;

  assign psum_v[Cols*AccWidth-1:0] = psum_i;
  assign psum_valid_v[Cols-1:0]    = '0;  // initial values are not results
  assign psum_o                    = psum_v[Rows*Cols*AccWidth +: Cols*AccWidth];
  assign psum_valid_o              = {Cols{shift_i}} & psum_valid_v[Rows*Cols +: Cols];

  // The weight path: one csd_recoder per csd column at the top edge, so the column's PEs pass
  // and use the recoded rows; other columns pass their word.
  csd_recoder_bank #(
    .Cols       (Cols),
    .MulKind    (MulKind),
    .Sp2Cols    (Sp2Cols),
    .WeightWidth(WeightWidth),
    .WordWidth  (WordWidth),
    .InnerWidth (InnerWidth)
  ) u_recoders (
    .word_i(w_i),
    .word_o(w_v[Cols*InnerWidth-1:0])
  );

  for (genvar r = 0; r < Rows; r++) begin : gen_row
    localparam int unsigned H = r * (Cols + 1);  // index of (r, 0) in the horizontal nets
    assign act_h[H*ActWidth +: ActWidth] = act_i[r*ActWidth +: ActWidth];
    assign act_valid_h[H]                = act_valid_i[r];

    for (genvar c = 0; c < Cols; c++) begin : gen_col
      localparam int unsigned Kind = (c < Sp2Cols) ? KindSp2 : MulKind;
      localparam int unsigned V    = r * Cols + c;  // index of (r, c) in the vertical nets
      pe_os #(
        .MulKind    (Kind),
        .ActWidth   (ActWidth),
        .WeightWidth(WeightWidth),
        .Sp2CodeBits(Sp2CodeBits),
        .WordWidth  (InnerWidth),
        .AccWidth   (AccWidth)
      ) u_pe (
        .clk_i,
        .rst_ni,
        .quality_i,
        .w_i         (w_v[V*InnerWidth +: InnerWidth]),
        .w_o         (w_v[(V+Cols)*InnerWidth +: InnerWidth]),
        .act_valid_i (act_valid_h[H+c]),
        .act_i       (act_h[(H+c)*ActWidth +: ActWidth]),
        .act_valid_o (act_valid_h[H+c+1]),
        .act_o       (act_h[(H+c+1)*ActWidth +: ActWidth]),
        .shift_i,
        .psum_valid_i(psum_valid_v[V]),
        .psum_i      (psum_v[V*AccWidth +: AccWidth]),
        .psum_valid_o(psum_valid_v[V+Cols]),
        .psum_o      (psum_v[(V+Cols)*AccWidth +: AccWidth])
      );
    end
  end

endmodule
