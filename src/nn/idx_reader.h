// Reader for IDX files (the MNIST / Fashion-MNIST format), gzip-compressed or plain.
// Layout of an IDX file: a 4-byte big-endian magic (0x00000803 for 3-D uint8 images,
// 0x00000801 for 1-D uint8 labels), one big-endian uint32 per dimension, then the data.
#ifndef QSCALE_SRC_NN_IDX_READER_H_
#define QSCALE_SRC_NN_IDX_READER_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qscale::nn {

// A data file is missing, unreadable or malformed. The message names the file, the byte offset
// (in the decompressed stream) where the problem is, and what to do.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// uint8 grey-level images, row-major, image after image.
struct IdxImages {
  int count = 0;                // number of images
  int rows = 0;                 // pixels per column
  int cols = 0;                 // pixels per row
  std::vector<uint8_t> pixels;  // count * rows * cols values, 0..255
};

// The largest decompressed IDX stream read, 4 GiB: a header promising more is refused before
// anything is allocated for it.
inline constexpr uint64_t kMaxIdxBytes = uint64_t{1} << 32;

// Reads an IDX3 uint8 image file (magic 0x00000803). `max_count` >= 0 keeps only the first
// `max_count` images (the whole file is still validated). Throws DataError on a missing file,
// a directory, wrong magic, zero dimensions, a header promising more than kMaxIdxBytes, corrupt
// or truncated gzip data, or a data section whose length differs from the header's.
IdxImages ReadIdxImages(const std::string& path, int max_count = -1);

// Reads an IDX1 uint8 label file (magic 0x00000801); same contract as ReadIdxImages.
std::vector<uint8_t> ReadIdxLabels(const std::string& path, int max_count = -1);

// ReadIdxImages / ReadIdxLabels of a file's bytes (gzip-compressed or plain) already in memory;
// `name` stands for the file in messages. Touch no file.
IdxImages ParseIdxImages(std::string_view bytes, const std::string& name, int max_count = -1);
std::vector<uint8_t> ParseIdxLabels(std::string_view bytes, const std::string& name,
                                    int max_count = -1);

}  // namespace qscale::nn

#endif  // QSCALE_SRC_NN_IDX_READER_H_
