#include "src/driver/dataset.h"

#include <fmt/format.h>

#include "src/nn/idx_reader.h"

namespace qscale::driver {

LabelledImages LoadLabelledImages(const std::string& images_path, const std::string& labels_path,
                                  int count) {
  nn::IdxImages images = nn::ReadIdxImages(images_path);
  std::vector<uint8_t> labels = nn::ReadIdxLabels(labels_path);
  if (static_cast<size_t>(images.count) != labels.size()) {
    throw nn::DataError(fmt::format("{} holds {} images but {} holds {} labels; the dataset's "
                                    "image and label files must come from the same split",
                                    images_path, images.count, labels_path, labels.size()));
  }
  if (count > images.count) {
    throw nn::DataError(fmt::format("{}: {} images requested but the file holds {}; lower "
                                    "dataset.images (or --images)",
                                    images_path, count, images.count));
  }
  if (count < 0) count = images.count;
  LabelledImages out;
  out.count = count;
  out.shape = {1, images.rows, images.cols};
  const size_t size = static_cast<size_t>(count) * images.rows * images.cols;
  out.pixels.resize(size);
  for (size_t i = 0; i < size; ++i) out.pixels[i] = static_cast<float>(images.pixels[i]) / 255.0f;
  out.labels.assign(labels.begin(), labels.begin() + count);
  return out;
}

void CheckImagesFitNetwork(const LabelledImages& images, const std::string& images_path,
                           const std::string& labels_path, const nn::Graph& graph) {
  const nn::Shape& want = graph.values.at(graph.input).shape;
  if (want != images.shape) {
    throw nn::DataError(fmt::format(
        "{} expects input images of {} but {} holds {} images; use "
        "the dataset the model was trained on",
        graph.source, nn::ShapeToString(want), images_path, nn::ShapeToString(images.shape)));
  }
  const int64_t classes = nn::NumElements(graph.values.at(graph.output).shape);
  constexpr int kLabelsHeaderBytes = 8;
  for (int i = 0; i < images.count; ++i) {
    if (images.labels[i] >= classes) {
      throw nn::DataError(fmt::format(
          "{}: byte offset {}: label {} of image {} is not a class of {} ({} outputs, classes 0 "
          "to {}); use the labels of the dataset the model was trained on",
          labels_path, kLabelsHeaderBytes + i, images.labels[i], i, graph.source, classes,
          classes - 1));
    }
  }
}

}  // namespace qscale::driver
