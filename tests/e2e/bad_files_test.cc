// Bad model and data files through the qscale binary: each fails with exit code 1 and one
// message naming the file and the place (ONNX node, IDX byte offset), and writes no report
// (RunFailing). docs/errors.md lists every class with its message.
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/e2e/run_helpers.h"

namespace qscale::e2e {
namespace {

const std::string kData = "/usr/share/datasets/fashion-mnist/";
const std::string kTestImages = kData + "t10k-images-idx3-ubyte.gz";
const std::string kTestLabels = kData + "t10k-labels-idx1-ubyte.gz";
const std::string kTrainLabels = kData + "train-labels-idx1-ubyte.gz";

// An IDX file: big-endian magic and dims, then `data`.
std::string Idx(uint32_t magic, const std::vector<uint32_t>& dims, const std::string& data) {
  std::string bytes;
  const auto put = [&bytes](uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<char>(v >> shift));
  };
  put(magic);
  for (uint32_t dim : dims) put(dim);
  return bytes + data;
}

// `bytes` gzip-compressed.
std::string Gzip(const std::string& bytes) {
  z_stream zs{};
  deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, bytes.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// "--set quant.scheme=float --set network=<model>" plus the given dataset overrides.
std::string FloatRun(const std::string& model, const std::string& more = "") {
  return "--set quant.scheme=float --set network=" + model + " " + more;
}

TEST(BadFiles, DirectoryGivenAsTheModel) {
  const std::string dir = ScratchDir() + "/net.onnx";
  std::filesystem::create_directories(dir);
  const CommandResult run = RunFailing("configs/default.yaml", FloatRun(dir));
  EXPECT_EQ(run.err, "qscale: --set network=" + dir + ": network: \"" + dir +
                         "\" is a directory; name the file itself\n");
}

TEST(BadFiles, EmptyModelFile) {
  const std::string model = WriteFile(ScratchDir() + "/empty.onnx", "");
  const CommandResult run = RunFailing("configs/default.yaml", FloatRun(model));
  EXPECT_EQ(run.err,
            "qscale: " + model + ": the file is empty, not an ONNX model; re-export the model\n");
}

TEST(BadFiles, CorruptAndTruncatedProtobufAreNotValidModels) {
  for (const char* name : {"garbage.onnx", "truncated.onnx"}) {
    const std::string model = std::string("tests/data/onnx/") + name;
    const CommandResult run = RunFailing("configs/default.yaml", FloatRun(model));
    EXPECT_EQ(run.err, "qscale: " + model +
                           ": not a valid ONNX model (protobuf parse failed: the file is "
                           "truncated, corrupt or not ONNX); re-export the model\n");
  }
}

TEST(BadFiles, DynamicImageDimensionNamesTheInputAndTheFix) {
  const CommandResult run =
      RunFailing("configs/default.yaml", FloatRun("tests/data/onnx/dynamic_dims.onnx"));
  EXPECT_EQ(run.err,
            "qscale: tests/data/onnx/dynamic_dims.onnx: input \"image\" has a dynamic dimension 2 "
            "(\"height\"); only the batch dimension may be symbolic; export with a fixed image "
            "size\n");
}

TEST(BadFiles, ModelInputOfAnotherSizeThanTheImages) {
  const CommandResult run =
      RunFailing("configs/default.yaml", FloatRun("tests/data/onnx/tiny_net.onnx"));
  EXPECT_EQ(run.err, "qscale: tests/data/onnx/tiny_net.onnx expects input images of 1x12x12 but " +
                         kTestImages +
                         " holds 1x28x28 images; use the dataset the model was trained on\n");
}

TEST(BadFiles, MissingTestImagesNameTheKeyAndThePath) {
  const CommandResult run =
      RunFailing("configs/default.yaml", "--set dataset.test_images=data/none.gz");
  EXPECT_EQ(run.err.rfind("qscale: --set dataset.test_images=data/none.gz: dataset.test_images: "
                          "file \"data/none.gz\" not found (paths are relative to the current "
                          "directory, ",
                          0),
            0u)
      << run.err;
}

TEST(BadFiles, UnreadableDatasetFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  const std::string labels = WriteFile(ScratchDir() + "/labels", "x");
  std::filesystem::permissions(labels, std::filesystem::perms::none);
  const CommandResult run =
      RunFailing("configs/default.yaml", "--set dataset.test_labels=" + labels);
  EXPECT_EQ(run.err, "qscale: --set dataset.test_labels=" + labels +
                         ": dataset.test_labels: file \"" + labels +
                         "\" cannot be read (Permission denied)\n");
}

TEST(BadFiles, LabelFileGivenAsImagesHasTheWrongMagic) {
  const CommandResult run =
      RunFailing("configs/default.yaml", "--set dataset.test_images=" + kTestLabels);
  EXPECT_EQ(run.err, "qscale: " + kTestLabels +
                         ": byte offset 0: magic 0x00000801 is not an IDX image file (expected "
                         "0x00000803)\n");
}

TEST(BadFiles, ImageAndLabelCountsDiffer) {
  const CommandResult run =
      RunFailing("configs/default.yaml", "--set dataset.test_labels=" + kTrainLabels);
  EXPECT_EQ(run.err, "qscale: " + kTestImages + " holds 10000 images but " + kTrainLabels +
                         " holds 60000 labels; the dataset's image and label files must come "
                         "from the same split\n");
}

TEST(BadFiles, LabelOutsideTheModelsClassesNamesItsOffset) {
  const std::string dir = ScratchDir();
  const std::string images =
      WriteFile(dir + "/images", Idx(0x803, {2, 12, 12}, std::string(2 * 144, '\x10')));
  const std::string labels = WriteFile(dir + "/labels.gz", Gzip(Idx(0x801, {2}, "\x03\x63")));
  const CommandResult run = RunFailing(
      "configs/default.yaml",
      FloatRun("tests/data/onnx/tiny_net.onnx", "--images 2 --set dataset.test_images=" + images +
                                                    " --set dataset.test_labels=" + labels));
  EXPECT_EQ(run.err, "qscale: " + labels +
                         ": byte offset 9: label 99 of image 1 is not a class of "
                         "tests/data/onnx/tiny_net.onnx (10 outputs, classes 0 to 9); use the "
                         "labels of the dataset the model was trained on\n");
}

TEST(BadFiles, CorruptGzipStreamNamesTheOffset) {
  std::string gz = Gzip(Idx(0x801, {10000}, std::string(10000, '\x01')));
  gz[gz.size() - 6] ^= 0x5a;  // the CRC-32 of the trailer
  const std::string labels = WriteFile(ScratchDir() + "/labels.gz", gz);
  const CommandResult run =
      RunFailing("configs/default.yaml", "--set dataset.test_labels=" + labels);
  EXPECT_EQ(run.err, "qscale: " + labels +
                         ": corrupt compressed data after byte offset 10008: incorrect data "
                         "check; re-download or reinstall the file\n");
}

TEST(BadFiles, MoreImagesRequestedThanTheFileHolds) {
  const CommandResult run = RunFailing("configs/default.yaml", "--images 20000");
  EXPECT_EQ(run.err, "qscale: " + kTestImages +
                         ": 20000 images requested but the file holds 10000; lower "
                         "dataset.images (or --images)\n");
}

TEST(BadFiles, ReportPathThatIsADirectoryIsRefusedBeforeTheRun) {
  const std::string dir = ScratchDir() + "/out";
  std::filesystem::create_directories(dir);
  const CommandResult run = RunQscale("run configs/default.yaml --quiet --json " + dir);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "qscale: " + dir +
                         ": cannot write result: it is a directory; name a file "
                         "to write, e.g. " +
                         dir + "/report.json\n");
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

}  // namespace
}  // namespace qscale::e2e
