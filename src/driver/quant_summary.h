// What the report says about a quantized network: storage, zero weights, and each layer's
// encoding (bit widths, F, levels, SP2 rows), in report::QuantSummary form.
#ifndef QSCALE_SRC_DRIVER_QUANT_SUMMARY_H_
#define QSCALE_SRC_DRIVER_QUANT_SUMMARY_H_

#include "src/qnn/network.h"
#include "src/report/run_report.h"

namespace qscale::driver {

// The summary of `network`; `activation_bits` is quant.activation_bits.
report::QuantSummary SummarizeQuantization(const qnn::Network& network, int activation_bits);

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_QUANT_SUMMARY_H_
