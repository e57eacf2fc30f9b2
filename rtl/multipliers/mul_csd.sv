// Quality-scalable canonic-signed-digit (CSD) multiplier of the QSQ scheme (DESIGN.md 1.2).
// Golden model: qscale::golden::MulCsd (src/golden/mul_csd.h), bit for bit; the recoding is
// golden::CsdDigits and the row gating golden::CsdActiveRows.
//
// Parameters: WeightWidth W (2..16), ActWidth A (2..16). Rows = ceil(W/2) partial-product rows
// (8 at W = 16: the largest number of non-zero CSD digits).
// Ports:
//   load_i, weight_i (signed W)   weight load: at the edge ending a cycle with load_i high the
//                                 weight is recoded to its non-adjacent form,
//                                 d_i = bit_(i+1)(3w) - bit_(i+1)(w) (w sign-extended to W+2
//                                 bits), and its non-zero digits are stored as rows, highest
//                                 position first: row r = (valid, negative, position) of the
//                                 r-th non-zero digit from the top. The rows are the PE's weight
//                                 register; the weight is held until the next load.
//   quality_i unsigned 4          run-time quality q (1..8): rows 0..q-1 are active (the q most
//                                 significant digits are kept, the rest truncated). A row that
//                                 is inactive or empty is gated: its activation input is forced
//                                 to 0, so it does not switch (CsdActiveRows counts the others).
//                                 q = 0 keeps no row; q > Rows keeps all.
//   act_i     signed A
//   prod_o    signed W+A          sum over active rows of (negative ? -1 : +1) * (act << position)
//                                 = w_q * act, exact for the kept digits
// Latency: weight load 1 cycle (kCsdRecodeLatency: a weight loaded in cycle t multiplies
// activations from cycle t+1); product 1 cycle (kMulCsdLatency: act_i and quality_i presented in
// cycle t give prod_o in cycle t+1).
module mul_csd #(
  parameter int unsigned WeightWidth = 16,
  parameter int unsigned ActWidth    = 8
) (
  input  logic                                   clk_i,
  input  logic                                   rst_ni,
  input  logic                                   load_i,
  input  logic signed [WeightWidth-1:0]          weight_i,
  input  logic [3:0]                             quality_i,
  input  logic signed [ActWidth-1:0]             act_i,
  output logic signed [WeightWidth+ActWidth-1:0] prod_o
);

  localparam int unsigned Rows      = (WeightWidth + 1) / 2;
  localparam int unsigned PosBits   = $clog2(WeightWidth);
  localparam int unsigned ProdWidth = WeightWidth + ActWidth;

  // ---- Recoding (at weight load) ----
  // Only bits 1..W of 3w and w form digits; the extra bits keep 3w exact.
  /* verilator lint_off UNUSEDSIGNAL */
  logic [WeightWidth+1:0] w_ext, w_times3;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [WeightWidth-1:0] plus, minus, nonzero;
  logic [Rows-1:0]         row_valid_d, row_valid_q;
  logic [Rows-1:0]         row_neg_d, row_neg_q;
  logic [Rows*PosBits-1:0] row_pos_d, row_pos_q;

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
    row_valid_d = '0;
    row_neg_d   = '0;
    row_pos_d   = '0;
    above       = '0;
    for (int i = WeightWidth - 1; i >= 0; i--) begin
      for (int r = 0; r < Rows; r++) begin
        if (nonzero[i] && above == 5'(r)) begin
          row_valid_d[r]               = 1'b1;
          row_neg_d[r]                 = minus[i];
          row_pos_d[r*PosBits+:PosBits] = PosBits'(i);
        end
      end
      above = above + 5'(nonzero[i]);
    end
  end

  // The row register: the PE's weight register.
  flop_en #(.Width(Rows * (2 + PosBits))) u_rows (
    .clk_i,
    .rst_ni,
    .en_i(load_i),
    .d_i ({row_valid_d, row_neg_d, row_pos_d}),
    .q_o ({row_valid_q, row_neg_q, row_pos_q})
  );

  // ---- Product (every cycle) ----
  logic signed [ProdWidth-1:0] prod_d;

  always_comb begin
    logic signed [ProdWidth-1:0] row_act, term;
    prod_d = '0;
    for (int r = 0; r < Rows; r++) begin
      // Operand isolation: an inactive row sees 0 and does not switch.
      row_act = (row_valid_q[r] && 4'(r) < quality_i) ? ProdWidth'(act_i) : '0;
      term    = row_act <<< row_pos_q[r*PosBits+:PosBits];
      prod_d  = row_neg_q[r] ? prod_d - term : prod_d + term;
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
