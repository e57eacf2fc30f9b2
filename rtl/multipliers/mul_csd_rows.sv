// The product half of the quality-scalable CSD multiplier (DESIGN.md 1.2): the gated shift-add
// of the `quality_i` most significant recoded rows a PE holds. The rows come from csd_recoder
// (once per array column, at weight load); mul_csd is csd_recoder + row register + this unit.
// Golden model: qscale::golden::MulCsd applied to the weight the rows were recoded from
// (equivalently golden::MulCsdRows on golden::CsdRowWord), bit for bit.
//
// Parameters: WeightWidth W (2..16), ActWidth A (2..16); Rows, PosBits, RowWordWidth as in
// csd_recoder.sv.
// Ports:
//   rows_i     RowWordWidth   the held rows {valid[Rows], negative[Rows], position[Rows][PosBits]}
//   quality_i  unsigned 4     run-time quality q: rows 0..q-1 are active (q = 0 keeps no row,
//                             q > Rows keeps all). An inactive or empty row is gated: its
//                             activation input is forced to 0, so it does not switch.
//   act_i      signed A
//   prod_o     signed W+A     sum over active rows of (negative ? -1 : +1) * (act << position)
// Latency: 1 (kMulCsdLatency): act_i and quality_i presented in cycle t give prod_o in t+1.
module mul_csd_rows #(
  parameter int unsigned WeightWidth = 16,
  parameter int unsigned ActWidth    = 8,
  localparam int unsigned Rows         = (WeightWidth + 1) / 2,
  localparam int unsigned PosBits      = $clog2(WeightWidth),
  localparam int unsigned RowWordWidth = qscale_pkg::csd_row_word_width(WeightWidth)
) (
  input  logic                                   clk_i,
  input  logic                                   rst_ni,
  input  logic [RowWordWidth-1:0]                rows_i,
  input  logic [3:0]                             quality_i,
  input  logic signed [ActWidth-1:0]             act_i,
  output logic signed [WeightWidth+ActWidth-1:0] prod_o
);

  localparam int unsigned ProdWidth = WeightWidth + ActWidth;

  logic [Rows-1:0]             row_valid, row_neg;
  logic [Rows*PosBits-1:0]     row_pos;
  logic signed [ProdWidth-1:0] prod_d;

  assign {row_valid, row_neg, row_pos} = rows_i;

  always_comb begin
    logic signed [ProdWidth-1:0] row_act, term;
    prod_d = '0;
    for (int r = 0; r < Rows; r++) begin
      // Operand isolation: an inactive row sees 0 and does not switch.
      row_act = (row_valid[r] && 4'(r) < quality_i) ? ProdWidth'(act_i) : '0;
      term    = row_act <<< row_pos[r*PosBits+:PosBits];
      prod_d  = row_neg[r] ? prod_d - term : prod_d + term;
    end
  end

  flop_en #(.Width(ProdWidth)) u_prod (
    .clk_i,
    .rst_ni,
    .en_i(1'b1),
    .d_i (prod_d),
    .q_o (prod_o)
  );

endmodule
