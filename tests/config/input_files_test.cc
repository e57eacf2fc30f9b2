// Files a config names: the model and test set are checked when a config is loaded, other files
// on request, and a missing one is reported at the key that names it.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "src/config/run_config.h"
#include "tests/config/error_of.h"

namespace qscale::config {
namespace {

namespace fs = std::filesystem;

class ConfigFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("qscale_config_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `text` to `name` in the test's directory; returns the path.
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  fs::path dir_;
};

const std::string& CurrentDirectory() {
  static const std::string* const kDirectory = new std::string(fs::current_path().string());
  return *kDirectory;
}

TEST_F(ConfigFiles, MissingNetworkIsReportedAtItsLine) {
  const std::string config = Write("a.yaml", "network: models/no_such_model.onnx\n");
  EXPECT_EQ(ErrorOf([&] { LoadRunConfig(config); }),
            config +
                ":1: network: file \"models/no_such_model.onnx\" not found (paths are "
                "relative to the current directory, " +
                CurrentDirectory() + ")");
}

TEST_F(ConfigFiles, MissingDefaultNetworkSaysItIsTheDefault) {
  const std::string config = Write("a.yaml", "sim: {batch: 1}\n");
  const fs::path previous = fs::current_path();
  fs::current_path(dir_);  // where models/lenet5_fmnist.onnx does not exist
  const std::string message = ErrorOf([&] { LoadRunConfig(config); });
  fs::current_path(previous);
  EXPECT_EQ(message, config +
                         ": network: file \"models/lenet5_fmnist.onnx\" not found (the "
                         "default; set network in the config or with --set network=PATH; "
                         "paths are relative to the current directory, " +
                         dir_.string() + ")");
}

TEST_F(ConfigFiles, MissingTestImagesAreReportedAtTheDatasetKey) {
  const std::string network = Write("net.onnx", "");
  const std::string config = Write("a.yaml", "network: " + network +
                                                 "\n"
                                                 "dataset:\n"
                                                 "  test_labels: " +
                                                 network +
                                                 "\n"
                                                 "  test_images: /no/such/images.gz\n");
  EXPECT_EQ(ErrorOf([&] { LoadRunConfig(config); }),
            config + ":4: dataset.test_images: file \"/no/such/images.gz\" not found");
}

TEST_F(ConfigFiles, OverriddenPathIsReportedAsTheOverride) {
  const std::string config = Write("a.yaml", "network: models/a.onnx\n");
  EXPECT_EQ(ErrorOf([&] { LoadRunConfig(config, {"network=/no/such/net.onnx"}); }),
            "--set network=/no/such/net.onnx: network: file \"/no/such/net.onnx\" not found");
}

TEST_F(ConfigFiles, DirectoryIsNotAFile) {
  const std::string config = Write("a.yaml", "network: " + dir_.string() + "/d.onnx\n");
  fs::create_directories(dir_ / "d.onnx");
  EXPECT_EQ(ErrorOf([&] { LoadRunConfig(config); }),
            config + ":1: network: \"" + dir_.string() +
                "/d.onnx\" is a directory; name the file itself");
}

TEST_F(ConfigFiles, TrainingFilesAreCheckedOnlyOnRequest) {
  const std::string network = Write("net.onnx", "");
  const std::string labels = Write("labels", "");
  const std::string config = Write("a.yaml", "network: " + network +
                                                 "\n"
                                                 "dataset:\n"
                                                 "  test_images: " +
                                                 labels +
                                                 "\n"
                                                 "  test_labels: " +
                                                 labels +
                                                 "\n"
                                                 "  train_images: /no/such/train.gz\n");
  const RunConfig loaded = LoadRunConfig(config);
  EXPECT_EQ(ErrorOf([&] { RequireFile(loaded, "dataset.train_images"); }),
            config + ":5: dataset.train_images: file \"/no/such/train.gz\" not found");
  EXPECT_EQ(ErrorOf([&] { RequireFile(loaded, "dataset.test_labels"); }), "(no error)");
  EXPECT_EQ(ErrorOf([&] { RequireFile(loaded, "dataset.images"); }),
            "RequireFile: \"dataset.images\" is not a file path key");
}

TEST_F(ConfigFiles, TopologyCsvNeedsNoDataset) {
  const std::string network = Write("net.csv", "");
  const std::string config = Write("a.yaml", "network: " + network +
                                                 "\n"
                                                 "dataset: {test_images: /no/such/images.gz}\n");
  EXPECT_EQ(LoadRunConfig(config).network, network);
}

TEST_F(ConfigFiles, DefaultYamlLoadsWithItsModelAndDataset) {
  const RunConfig config = LoadRunConfig("configs/default.yaml");
  EXPECT_EQ(config.source, "configs/default.yaml");
  EXPECT_EQ(config.network, "models/lenet5_fmnist.onnx");
  EXPECT_EQ(config.locations.at("network"), "configs/default.yaml:6");
}

}  // namespace
}  // namespace qscale::config
