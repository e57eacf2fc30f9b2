// Widths derived in more than one module, written once. Each function is its golden counterpart's
// formula. (The result is assigned to the function's name: Yosys 0.23 does not parse `return`
// with an expression.)
package qscale_pkg;

  // Bits of csd_recoder's row word for a weight_width-bit weight: ceil(W/2) rows of {valid,
  // negative, position[clog2 W]} (golden::CsdRowWordBits; 20 at W = 8, 48 at W = 16).
  function automatic int unsigned csd_row_word_width(int unsigned weight_width);
    csd_row_word_width = ((weight_width + 1) / 2) * (2 + $clog2(weight_width));
  endfunction

  // Bits of the SP2 terms word {negative, enable1, enable2, shift1, shift2} of code_bits-bit
  // codes, shifts M1 = code_bits / 2 bits wide (golden::Sp2TermsWordBits; 7 at 4 bits, 11 at 8).
  function automatic int unsigned sp2_terms_width(int unsigned code_bits);
    sp2_terms_width = 3 + 2 * (code_bits / 2);
  endfunction

endpackage
