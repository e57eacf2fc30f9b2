// IDX reader: valid files in both encodings, and every malformed-file class with its message.
#include "src/nn/idx_reader.h"

#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace qscale::nn {
namespace {

std::vector<uint8_t> Header(uint32_t magic, const std::vector<uint32_t>& dims) {
  std::vector<uint8_t> bytes;
  auto put = [&bytes](uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<uint8_t>(v >> shift));
  };
  put(magic);
  for (uint32_t d : dims) put(d);
  return bytes;
}

// Three 2x2 images whose pixels count up from 0.
std::vector<uint8_t> SmallImageFile() {
  std::vector<uint8_t> bytes = Header(0x803, {3, 2, 2});
  for (int i = 0; i < 12; ++i) bytes.push_back(static_cast<uint8_t>(i));
  return bytes;
}

class IdxFiles : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::vector<uint8_t>& bytes, bool gzip) {
    const std::string path = (dir_ / name).string();
    if (gzip) {
      gzFile file = gzopen(path.c_str(), "wb");
      gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
      gzclose(file);
    } else {
      std::ofstream(path, std::ios::binary)
          .write(reinterpret_cast<const char*>(bytes.data()), static_cast<long>(bytes.size()));
    }
    return path;
  }
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("qscale_idx_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

std::string MessageOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST_F(IdxFiles, PlainAndGzipFilesReadTheSamePixels) {
  for (bool gzip : {false, true}) {
    const IdxImages images = ReadIdxImages(Write(gzip ? "a.gz" : "a", SmallImageFile(), gzip));
    EXPECT_EQ(images.count, 3);
    EXPECT_EQ(images.rows, 2);
    EXPECT_EQ(images.cols, 2);
    ASSERT_EQ(images.pixels.size(), 12u);
    EXPECT_EQ(images.pixels[5], 5);
    EXPECT_EQ(images.pixels[11], 11);
  }
}

TEST_F(IdxFiles, MaxCountKeepsTheFirstImagesOnly) {
  const IdxImages images = ReadIdxImages(Write("a", SmallImageFile(), false), 2);
  EXPECT_EQ(images.count, 2);
  ASSERT_EQ(images.pixels.size(), 8u);
  EXPECT_EQ(images.pixels[7], 7);
}

TEST_F(IdxFiles, LabelsAreRead) {
  std::vector<uint8_t> bytes = Header(0x801, {4});
  for (uint8_t v : {9, 0, 3, 7}) bytes.push_back(v);
  EXPECT_EQ(ReadIdxLabels(Write("l.gz", bytes, true)), (std::vector<uint8_t>{9, 0, 3, 7}));
}

TEST_F(IdxFiles, TruncatedFileNamesOffsetAndExpectedSize) {
  std::vector<uint8_t> bytes = SmallImageFile();
  bytes.resize(bytes.size() - 3);
  const std::string path = Write("t.gz", bytes, true);
  const std::string message = MessageOf([&] { ReadIdxImages(path); });
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("truncated at byte offset 25"), std::string::npos) << message;
  EXPECT_NE(message.find("28 bytes in all"), std::string::npos) << message;
}

TEST_F(IdxFiles, WrongMagicIsRejectedAtOffsetZero) {
  const std::string path = Write("labels_as_images", Header(0x801, {3}), false);
  const std::string message = MessageOf([&] { ReadIdxImages(path); });
  EXPECT_NE(message.find("byte offset 0: magic 0x00000801 is not an IDX image file"),
            std::string::npos)
      << message;
}

TEST_F(IdxFiles, ZeroDimensionIsRejected) {
  const std::string message = MessageOf([&] {
    ReadIdxImages(Write("z", Header(0x803, {3, 0, 2}), false));
  });
  EXPECT_EQ(message, (dir_ / "z").string() +
                         ": byte offset 8: dimension 1 is 0, so the file holds no data; "
                         "re-download or reinstall the file");
}

TEST_F(IdxFiles, TrailingBytesAreRejected) {
  std::vector<uint8_t> bytes = SmallImageFile();
  bytes.push_back(1);
  const std::string path = Write("x", bytes, false);
  EXPECT_EQ(MessageOf([&] { ReadIdxImages(path); }),
            path +
                ": trailing bytes at byte offset 28: the header promises 12 bytes of image "
                "data (28 bytes in all); re-download or reinstall the file");
}

TEST_F(IdxFiles, MissingFileNamesPathAndFix) {
  const std::string path = (dir_ / "nope.gz").string();
  const std::string message = MessageOf([&] { ReadIdxLabels(path); });
  EXPECT_NE(message.find(path + ": cannot open IDX file"), std::string::npos) << message;
  EXPECT_NE(message.find("dataset-fashion-mnist"), std::string::npos) << message;
}

std::string AsString(const std::vector<uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

// `bytes` as one gzip member, written and read back through a file by zlib.
std::string GzipOf(const std::vector<uint8_t>& bytes) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("qscale_gz_" + std::to_string(::getpid())))
          .string();
  gzFile file = gzopen(path.c_str(), "wb");
  gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(file);
  std::ifstream in(path, std::ios::binary);
  std::string gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return gz;
}

TEST(IdxBytes, ParsesPlainAndGzipBytesFromMemory) {
  const std::vector<uint8_t> file = SmallImageFile();
  for (const std::string& bytes : {AsString(file), GzipOf(file)}) {
    const IdxImages images = ParseIdxImages(bytes, "mem", 1);
    EXPECT_EQ(images.count, 1);
    EXPECT_EQ(images.pixels, (std::vector<uint8_t>{0, 1, 2, 3}));
  }
}

TEST(IdxBytes, ConcatenatedGzipMembersAreOneStream) {
  std::vector<uint8_t> labels = Header(0x801, {4});
  for (uint8_t v : {9, 0, 3, 7}) labels.push_back(v);
  const std::vector<uint8_t> head(labels.begin(), labels.begin() + 6);
  const std::vector<uint8_t> tail(labels.begin() + 6, labels.end());
  EXPECT_EQ(ParseIdxLabels(GzipOf(head) + GzipOf(tail), "mem"), (std::vector<uint8_t>{9, 0, 3, 7}));
}

TEST(IdxBytes, GzipStreamCutShortIsNamedWithItsOffset) {
  const std::string gz = GzipOf(SmallImageFile());
  EXPECT_EQ(MessageOf([&] { ParseIdxImages(gz.substr(0, gz.size() - 8), "cut.gz"); }),
            "cut.gz: the gzip stream is cut short at decompressed byte offset 28; re-download "
            "or reinstall the file");
}

TEST(IdxBytes, CorruptGzipDataIsNamedWithItsOffset) {
  std::string gz = GzipOf(SmallImageFile());
  gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 0xff);  // the CRC-32
  EXPECT_EQ(MessageOf([&] { ParseIdxImages(gz, "bad.gz"); }),
            "bad.gz: corrupt compressed data after byte offset 28: incorrect data check; "
            "re-download or reinstall the file");
}

TEST(IdxBytes, BytesAfterTheGzipStreamAreRejected) {
  const std::string gz = GzipOf(SmallImageFile()) + "junk";
  EXPECT_EQ(MessageOf([&] { ParseIdxImages(gz, "x.gz"); }),
            "x.gz: 4 bytes that are not gzip data follow the compressed stream (decompressed "
            "byte offset 28); re-download or reinstall the file");
}

TEST(IdxBytes, HeaderPromisingMoreThanFourGibibytesIsRefusedBeforeReading) {
  EXPECT_EQ(MessageOf([] {
              ParseIdxImages(AsString(Header(0x803, {65536, 256, 256})), "big");
            }),
            "big: byte offset 12: dimension 2 is 256, so the header promises more than "
            "4294967296 bytes; qscale reads IDX files of at most 4 GiB (is the header corrupt?)");
}

TEST(IdxBytes, EmptyInputIsTruncatedAtTheMagic) {
  EXPECT_EQ(MessageOf([] { ParseIdxLabels("", "empty"); }),
            "empty: truncated at byte offset 0: an IDX label file starts with a 4-byte magic");
}

TEST_F(IdxFiles, DirectoryIsNotAnIdxFile) {
  const std::string message = MessageOf([&] { ReadIdxLabels(dir_.string()); });
  EXPECT_EQ(
      message.rfind(dir_.string() + ": cannot open IDX file: is a directory, not a file; ", 0), 0u)
      << message;
}

TEST(IdxFashionMnist, TestSetHasTenThousandLabelledImages) {
  const std::string dir = "/usr/share/datasets/fashion-mnist/";
  const IdxImages images = ReadIdxImages(dir + "t10k-images-idx3-ubyte.gz");
  const std::vector<uint8_t> labels = ReadIdxLabels(dir + "t10k-labels-idx1-ubyte.gz");
  EXPECT_EQ(images.count, 10000);
  EXPECT_EQ(images.rows, 28);
  EXPECT_EQ(images.cols, 28);
  ASSERT_EQ(labels.size(), 10000u);
  EXPECT_EQ(labels[0], 9);  // first test image is an ankle boot
  for (uint8_t label : labels) ASSERT_LT(label, 10);
}

}  // namespace
}  // namespace qscale::nn
