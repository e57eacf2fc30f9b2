// `qscale inspect MODEL`: the layer table of an ONNX model.
#ifndef QSCALE_SRC_CLI_INSPECT_COMMAND_H_
#define QSCALE_SRC_CLI_INSPECT_COMMAND_H_

#include <ostream>

#include "src/cli/args.h"

namespace qscale::cli {

// Imports the model, prints one row per node (op, input and output shape per image, parameters,
// MACs per image) and the totals to `out`; writes the same as JSON (schema qscale.inspect/1) when
// args.json is set. Returns the exit code. Throws on bad input (nn::ModelError, ...).
int RunInspect(const InspectArgs& args, std::ostream& out);

}  // namespace qscale::cli

#endif  // QSCALE_SRC_CLI_INSPECT_COMMAND_H_
