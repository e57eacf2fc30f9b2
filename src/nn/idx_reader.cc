#include "src/nn/idx_reader.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include <fmt/format.h>

namespace qscale::nn {
namespace {

constexpr uint32_t kImagesMagic = 0x00000803;
constexpr uint32_t kLabelsMagic = 0x00000801;
constexpr size_t kMaxBytes = size_t{1} << 32;  // refuse anything that would not fit a header

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};

// The whole decompressed stream (gzread passes plain files through unchanged).
std::vector<uint8_t> ReadAll(const std::string& path) {
  std::unique_ptr<gzFile_s, GzCloser> file(gzopen(path.c_str(), "rb"));
  if (!file) {
    throw DataError(fmt::format("{}: cannot open IDX file: {}; check the dataset paths in the "
                                "config (Fashion-MNIST: apt-get install dataset-fashion-mnist)",
                                path, std::strerror(errno)));
  }
  std::vector<uint8_t> bytes;
  std::vector<uint8_t> chunk(1 << 20);
  while (true) {
    int got = gzread(file.get(), chunk.data(), static_cast<unsigned>(chunk.size()));
    if (got < 0) {
      int code = 0;
      const char* what = gzerror(file.get(), &code);
      throw DataError(fmt::format("{}: corrupt compressed data after byte offset {}: {}", path,
                                  bytes.size(), what));
    }
    if (got == 0) break;
    bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + got);
    if (bytes.size() > kMaxBytes) {
      throw DataError(fmt::format("{}: larger than 4 GiB decompressed; not an IDX file", path));
    }
  }
  return bytes;
}

uint32_t BigEndian32(const std::vector<uint8_t>& bytes, size_t offset) {
  return (uint32_t{bytes[offset]} << 24) | (uint32_t{bytes[offset + 1]} << 16) |
         (uint32_t{bytes[offset + 2]} << 8) | uint32_t{bytes[offset + 3]};
}

// Checks magic and dimensions; returns the dimensions.
std::vector<uint32_t> ParseHeader(const std::string& path, const std::vector<uint8_t>& bytes,
                                  uint32_t magic, const char* kind) {
  // The magic is checked before the header length, so that a file of the other kind (labels
  // read as images) is named as such rather than reported as truncated.
  if (bytes.size() < 4) {
    throw DataError(fmt::format("{}: truncated at byte offset {}: an IDX {} file starts with a "
                                "4-byte magic",
                                path, bytes.size(), kind));
  }
  const uint32_t got = BigEndian32(bytes, 0);
  if (got != magic) {
    throw DataError(fmt::format("{}: byte offset 0: magic 0x{:08x} is not an IDX {} file "
                                "(expected 0x{:08x})",
                                path, got, kind, magic));
  }
  const size_t ndims = magic & 0xff;
  const size_t header = 4 + 4 * ndims;
  if (bytes.size() < header) {
    throw DataError(fmt::format("{}: truncated at byte offset {}: an IDX {} header needs {} bytes",
                                path, bytes.size(), kind, header));
  }
  std::vector<uint32_t> dims(ndims);
  uint64_t elements = 1;
  for (size_t i = 0; i < ndims; ++i) {
    dims[i] = BigEndian32(bytes, 4 + 4 * i);
    if (dims[i] == 0) {
      throw DataError(fmt::format("{}: byte offset {}: dimension {} is 0", path, 4 + 4 * i, i));
    }
    elements *= dims[i];
  }
  const uint64_t expected = header + elements;
  if (bytes.size() != expected) {
    throw DataError(fmt::format(
        "{}: {} at byte offset {}: the header promises {} bytes of {} data ({} bytes in all); "
        "re-download or reinstall the file",
        path, bytes.size() < expected ? "truncated" : "trailing bytes", bytes.size(), elements,
        kind, expected));
  }
  return dims;
}

int KeptCount(uint32_t count, int max_count) {
  if (max_count < 0 || static_cast<uint32_t>(max_count) > count) return static_cast<int>(count);
  return max_count;
}

}  // namespace

IdxImages ReadIdxImages(const std::string& path, int max_count) {
  std::vector<uint8_t> bytes = ReadAll(path);
  const std::vector<uint32_t> dims = ParseHeader(path, bytes, kImagesMagic, "image");
  IdxImages images;
  images.count = KeptCount(dims[0], max_count);
  images.rows = static_cast<int>(dims[1]);
  images.cols = static_cast<int>(dims[2]);
  const size_t begin = 16;
  const size_t size = static_cast<size_t>(images.count) * images.rows * images.cols;
  images.pixels.assign(bytes.begin() + begin, bytes.begin() + begin + size);
  return images;
}

std::vector<uint8_t> ReadIdxLabels(const std::string& path, int max_count) {
  std::vector<uint8_t> bytes = ReadAll(path);
  const std::vector<uint32_t> dims = ParseHeader(path, bytes, kLabelsMagic, "label");
  const size_t begin = 8;
  return std::vector<uint8_t>(bytes.begin() + begin,
                              bytes.begin() + begin + KeptCount(dims[0], max_count));
}

}  // namespace qscale::nn
