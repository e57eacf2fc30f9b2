// A labelled image set in the form the engines consume.
#ifndef QSCALE_SRC_DRIVER_DATASET_H_
#define QSCALE_SRC_DRIVER_DATASET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "src/nn/graph.h"

namespace qscale::driver {

struct LabelledImages {
  int count = 0;                // number of images
  nn::Shape shape;              // per image: {1, rows, cols}
  std::vector<float> pixels;    // count x NumElements(shape), value = grey level / 255
  std::vector<uint8_t> labels;  // count class indices
};

// Reads the first `count` images and labels of an IDX pair (all of them for count < 0). Throws
// nn::DataError when a file is missing or malformed, when the two files disagree on the image
// count, or when `count` exceeds the images the files hold (the message names the files and the
// fix).
LabelledImages LoadLabelledImages(const std::string& images_path, const std::string& labels_path,
                                  int count);

// Throws nn::DataError unless the images fit the network's input and every label is a valid
// class index of its output; the message names the model and the data file (for a label, the
// labels file and the label's byte offset in it).
void CheckImagesFitNetwork(const LabelledImages& images, const std::string& images_path,
                           const std::string& labels_path, const nn::Graph& graph);

}  // namespace qscale::driver

#endif  // QSCALE_SRC_DRIVER_DATASET_H_
