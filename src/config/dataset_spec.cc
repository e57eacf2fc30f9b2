#include "src/config/dataset_spec.h"

#include "src/config/config_map.h"

namespace qscale::config {

DatasetSpec ParseDatasetSpec(const ConfigNode& node) {
  DatasetSpec spec;
  ConfigMap map(node);
  map.Read("test_images", &spec.test_images);
  map.Read("test_labels", &spec.test_labels);
  map.Read("train_images", &spec.train_images);
  map.Read("train_labels", &spec.train_labels);
  map.Read("images", IntRange{1, kMaxImages}, &spec.images);
  map.Finish();
  return spec;
}

CalibrationSpec ParseCalibrationSpec(const ConfigNode& node) {
  CalibrationSpec spec;
  ConfigMap map(node);
  map.Read("images", IntRange{1, kMaxImages}, &spec.images);
  map.Read("seed", IntRange{0, UINT32_MAX}, &spec.seed);
  map.Finish();
  return spec;
}

}  // namespace qscale::config
