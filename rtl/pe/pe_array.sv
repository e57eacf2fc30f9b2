// Weight-stationary systolic array of Rows x Cols pe (DESIGN.md section 2), the unit the SystemC
// accelerator clocks. Golden model (values and cycles): qscale::golden::RunWsFolds
// (src/golden/ws_array.h); timing formulas: rtl/README.md, "pe_array".
//
// Activations enter at the left edge, one per row, skewed one cycle per row, and move right one
// PE per cycle; partial sums enter at the top of each column (the bias or the previous fold's
// partial result) and move down one PE per cycle; results leave at the bottom. Column c computes
//   acc = psum_in;  for k = 0 .. Rows-1: acc = sat_AccWidth(acc + w[k][c] * x[k])
// in exactly that order of saturating adds.
//
// Parameters:
//   Rows, Cols    array size (1..64 each)
//   MulKind       base multiplier: 0 exact, 1 csd, 2 sp2, 3 bitserial (golden::MulKind)
//   Sp2Cols       MSQ: columns 0 .. Sp2Cols-1 hold SP2 shift-add PEs, the rest MulKind
//                 (0 = none; not allowed with bitserial, whose timing differs)
//   ActWidth, WeightWidth, Sp2CodeBits, AccWidth   as in pe_mac.sv
//   WordWidth     (derived) bits per column of wdata_i: the widest weight word in use
//                 (golden::WordBits)
// Ports (flattened vectors, element i at [i*Width +: Width]):
//   quality_i                         csd quality (1..8), all PEs
//   wload_i, wload_row_i, wdata_i     weight load: at the edge ending a cycle with wload_i high,
//                                     every PE of row wload_row_i takes its column's word
//                                     (Cols x WordWidth); one row per cycle, Rows cycles a fold
//   act_valid_i[r], act_i[r]          row r's activation (signed ActWidth) at the left edge
//   psum_valid_i[c], psum_i[c]        column c's partial-sum input (signed AccWidth) at the top
//   psum_valid_o[c], psum_o[c]        column c's result at the bottom (registered)
// Timing (L = 1, or WeightWidth for bitserial; II = 1, or WeightWidth for bitserial; T0 = cycle
// vector 0 enters row 0): x_m[r] enters row r in T0 + m*II + r; psum_in_m[c] enters column c in
// T0 + m*II + c + L; out_m[c] leaves column c in T0 + m*II + Rows + c + L with psum_valid_o[c].
// Loading row r in cycle T0 - 1 + r (or earlier) is in time for the first vector.
module pe_array #(
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
  localparam int unsigned RowBits = (Rows > 1) ? $clog2(Rows) : 1,
  // Inside the array a csd column carries csd_recoder's row word instead of the weight.
  localparam int unsigned CsdRowBits = qscale_pkg::csd_row_word_width(WeightWidth),
  localparam int unsigned InnerWidth =
      (MulKind == 1 && CsdRowBits > WordWidth) ? CsdRowBits : WordWidth
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  logic [3:0]                   quality_i,
  input  logic                         wload_i,
  input  logic [RowBits-1:0]           wload_row_i,
  input  logic [Cols*WordWidth-1:0]    wdata_i,
  input  logic [Rows-1:0]              act_valid_i,
  input  logic [Rows*ActWidth-1:0]     act_i,
  input  logic [Cols-1:0]              psum_valid_i,
  input  logic [Cols*AccWidth-1:0]     psum_i,
  output logic [Cols-1:0]              psum_valid_o,
  output logic [Cols*AccWidth-1:0]     psum_o
);

  localparam int unsigned KindSp2       = 2;
  localparam int unsigned KindBitSerial = 3;

  if (Sp2Cols > Cols || (Sp2Cols > 0 && MulKind == KindBitSerial)) begin : gen_bad_params
    $error("pe_array: Sp2Cols must be <= Cols, and 0 with a bitserial base multiplier");
  end

  // Horizontal nets: (r, c) is the input of PE(r, c); column Cols is the unused right edge.
  /* verilator lint_off UNUSEDSIGNAL */
  logic [Rows*(Cols+1)*ActWidth-1:0] act_h;
  logic [Rows*(Cols+1)-1:0]          act_valid_h;
  /* verilator lint_on UNUSEDSIGNAL */
  // Vertical nets: (r, c) is the input of PE(r, c); row Rows is the bottom output.
  logic [(Rows+1)*Cols*AccWidth-1:0] psum_v;
  logic [(Rows+1)*Cols-1:0]          psum_valid_v;

  assign psum_v[Cols*AccWidth-1:0] = psum_i;
  assign psum_valid_v[Cols-1:0]    = psum_valid_i;
  assign psum_o                    = psum_v[Rows*Cols*AccWidth +: Cols*AccWidth];
  assign psum_valid_o              = psum_valid_v[Rows*Cols +: Cols];

  // The weight-load path: one csd_recoder per csd column at the array edge (the weight is
  // stationary, so its column's PEs hold the recoded rows); other columns pass their word.
  logic [Cols*InnerWidth-1:0] wword;
  csd_recoder_bank #(
    .Cols       (Cols),
    .MulKind    (MulKind),
    .Sp2Cols    (Sp2Cols),
    .WeightWidth(WeightWidth),
    .WordWidth  (WordWidth),
    .InnerWidth (InnerWidth)
  ) u_recoders (
    .word_i(wdata_i),
    .word_o(wword)
  );

  for (genvar r = 0; r < Rows; r++) begin : gen_row
    localparam int unsigned H = r * (Cols + 1);  // index of (r, 0) in the horizontal nets
    logic wload_row;
    assign wload_row = wload_i && (wload_row_i == RowBits'(r));
    assign act_h[H*ActWidth +: ActWidth] = act_i[r*ActWidth +: ActWidth];
    assign act_valid_h[H]                = act_valid_i[r];

    for (genvar c = 0; c < Cols; c++) begin : gen_col
      localparam int unsigned Kind = (c < Sp2Cols) ? KindSp2 : MulKind;
      localparam int unsigned V    = r * Cols + c;  // index of (r, c) in the vertical nets
      pe #(
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
        .wload_i     (wload_row),
        .wdata_i     (wword[c*InnerWidth +: InnerWidth]),
        .act_valid_i (act_valid_h[H+c]),
        .act_i       (act_h[(H+c)*ActWidth +: ActWidth]),
        .act_valid_o (act_valid_h[H+c+1]),
        .act_o       (act_h[(H+c+1)*ActWidth +: ActWidth]),
        .psum_valid_i(psum_valid_v[V]),
        .psum_i      (psum_v[V*AccWidth +: AccWidth]),
        .psum_valid_o(psum_valid_v[V+Cols]),
        .psum_o      (psum_v[(V+Cols)*AccWidth +: AccWidth])
      );
    end
  end

endmodule
