// Which images a run uses: the dataset files (`dataset:`) and the calibration subset
// (`calibration:`). Keys and defaults: DESIGN.md section 5 and configs/README.md.
#ifndef QSCALE_SRC_CONFIG_DATASET_SPEC_H_
#define QSCALE_SRC_CONFIG_DATASET_SPEC_H_

#include <cstdint>
#include <string>

#include "src/config/config_node.h"

namespace qscale::config {

inline constexpr int kMaxImages = 10'000'000;

// IDX files (MNIST format, gzip or plain). Relative paths resolve against the current working
// directory of the process, not against the config file.
struct DatasetSpec {
  std::string test_images = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
  std::string test_labels = "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz";
  std::string train_images = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
  std::string train_labels = "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz";
  int images = 10000;  // test images to run, the first ones of the file; 1..kMaxImages
};

// Images that set activation ranges (scales) before quantized inference, drawn from the
// training set.
struct CalibrationSpec {
  int images = 512;   // number of training images; 1..kMaxImages
  uint32_t seed = 1;  // seeds the draw; 0..2^32-1
};

// Read `dataset:` / `calibration:`; an absent node gives the defaults. Unknown keys, wrong types
// and out-of-range values throw ConfigError naming the file and line (see ConfigMap).
DatasetSpec ParseDatasetSpec(const ConfigNode& node);
CalibrationSpec ParseCalibrationSpec(const ConfigNode& node);

}  // namespace qscale::config

#endif  // QSCALE_SRC_CONFIG_DATASET_SPEC_H_
