#include "src/nn/idx_reader.h"

#include <zlib.h>

#include <algorithm>
#include <climits>

#include <fmt/format.h>

#include "src/nn/file_bytes.h"

namespace qscale::nn {
namespace {

constexpr uint32_t kImagesMagic = 0x00000803;
constexpr uint32_t kLabelsMagic = 0x00000801;
constexpr size_t kChunk = size_t{1} << 20;  // decompressed bytes read (and allocated) at a time
constexpr char kFix[] = "re-download or reinstall the file";

// The decompressed stream of an IDX file held in memory: gzip members one after the other, or
// the bytes themselves when they do not start with the gzip magic (as gzread does).
class IdxStream {
 public:
  IdxStream(std::string_view bytes, const std::string& name) : bytes_(bytes), name_(name) {
    gzip_ = bytes.size() >= 2 && static_cast<uint8_t>(bytes[0]) == 0x1f &&
            static_cast<uint8_t>(bytes[1]) == 0x8b;
    if (gzip_ && inflateInit2(&zs_, 15 + 16) != Z_OK) {
      throw DataError(fmt::format("{}: cannot start gzip decompression (out of memory?)", name));
    }
  }
  ~IdxStream() {
    if (gzip_) inflateEnd(&zs_);
  }
  IdxStream(const IdxStream&) = delete;
  IdxStream& operator=(const IdxStream&) = delete;

  // Reads up to `n` bytes into `out`; fewer only at the end of the stream. Throws DataError for
  // corrupt or truncated gzip data.
  size_t Read(uint8_t* out, size_t n) {
    size_t got = 0;
    if (!gzip_) {
      got = std::min(n, bytes_.size() - fed_);
      std::copy_n(bytes_.data() + fed_, got, out);
      fed_ += got;
    } else {
      while (got < n && !ended_) got += Inflate(out + got, n - got);
    }
    offset_ += got;
    return got;
  }

  // Decompressed bytes read so far.
  uint64_t offset() const { return offset_; }

 private:
  size_t Inflate(uint8_t* out, size_t n) {
    if (zs_.avail_in == 0 && fed_ < bytes_.size()) {
      const size_t feed = std::min<size_t>(bytes_.size() - fed_, UINT_MAX);
      zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes_.data() + fed_));
      zs_.avail_in = static_cast<uInt>(feed);
      fed_ += feed;
    }
    zs_.next_out = out;
    zs_.avail_out = static_cast<uInt>(std::min<size_t>(n, UINT_MAX));
    const uLong consumed_before = zs_.total_in;
    const int code = inflate(&zs_, Z_NO_FLUSH);
    const size_t produced = std::min<size_t>(n, UINT_MAX) - zs_.avail_out;
    const bool stuck = produced == 0 && zs_.total_in == consumed_before;
    const size_t unread = zs_.avail_in + (bytes_.size() - fed_);
    if (code == Z_STREAM_END) {
      const char* next = reinterpret_cast<const char*>(zs_.next_in);
      if (unread == 0) {
        ended_ = true;
      } else if (unread >= 2 && static_cast<uint8_t>(next[0]) == 0x1f &&
                 static_cast<uint8_t>(next[1]) == 0x8b) {
        inflateReset(&zs_);  // another gzip member follows
      } else {
        throw DataError(
            fmt::format("{}: {} bytes that are not gzip data follow the compressed "
                        "stream (decompressed byte offset {}); {}",
                        name_, unread, offset_ + produced, kFix));
      }
    } else if (code == Z_BUF_ERROR && unread == 0) {
      throw DataError(
          fmt::format("{}: the gzip stream is cut short at decompressed byte offset "
                      "{}; {}",
                      name_, offset_ + produced, kFix));
    } else if ((code != Z_OK && code != Z_BUF_ERROR) || (code == Z_BUF_ERROR && stuck)) {
      throw DataError(fmt::format("{}: corrupt compressed data after byte offset {}: {}; {}", name_,
                                  offset_ + produced, zs_.msg != nullptr ? zs_.msg : zError(code),
                                  kFix));
    }
    return produced;
  }

  std::string_view bytes_;
  std::string name_;
  bool gzip_ = false;
  bool ended_ = false;
  size_t fed_ = 0;       // input bytes handed to zlib (or copied, for a plain stream)
  uint64_t offset_ = 0;  // decompressed bytes returned
  z_stream zs_{};
};

uint32_t BigEndian32(const uint8_t* bytes) {
  return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
         uint32_t{bytes[3]};
}

struct Header {
  std::vector<uint32_t> dims;  // each 1..INT_MAX
  uint64_t elements = 0;       // product of dims, data bytes
  uint64_t total = 0;          // header + data bytes, <= kMaxIdxBytes
};

[[noreturn]] void Truncated(const std::string& name, uint64_t offset, const Header& header,
                            const char* kind) {
  throw DataError(fmt::format(
      "{}: truncated at byte offset {}: the header promises {} bytes of {} data ({} bytes in "
      "all); {}",
      name, offset, header.elements, kind, header.total, kFix));
}

// Reads and checks magic and dimensions.
Header ReadHeader(IdxStream& in, const std::string& name, uint32_t magic, const char* kind) {
  // The magic is checked before the header length, so that a file of the other kind (labels
  // read as images) is named as such rather than reported as truncated.
  uint8_t bytes[4 + 4 * 3];
  if (in.Read(bytes, 4) < 4) {
    throw DataError(
        fmt::format("{}: truncated at byte offset {}: an IDX {} file starts with a "
                    "4-byte magic",
                    name, in.offset(), kind));
  }
  const uint32_t got = BigEndian32(bytes);
  if (got != magic) {
    throw DataError(
        fmt::format("{}: byte offset 0: magic 0x{:08x} is not an IDX {} file "
                    "(expected 0x{:08x})",
                    name, got, kind, magic));
  }
  const size_t ndims = magic & 0xff;
  Header header;
  header.total = 4 + 4 * ndims;
  if (in.Read(bytes + 4, 4 * ndims) < 4 * ndims) {
    throw DataError(fmt::format("{}: truncated at byte offset {}: an IDX {} header needs {} bytes",
                                name, in.offset(), kind, header.total));
  }
  header.elements = 1;
  for (size_t i = 0; i < ndims; ++i) {
    const uint32_t dim = BigEndian32(bytes + 4 + 4 * i);
    if (dim == 0) {
      throw DataError(
          fmt::format("{}: byte offset {}: dimension {} is 0, so the file holds no "
                      "data; {}",
                      name, 4 + 4 * i, i, kFix));
    }
    if (dim > INT_MAX) {
      throw DataError(
          fmt::format("{}: byte offset {}: dimension {} is {}, more than the {} qscale "
                      "reads (is the header corrupt?)",
                      name, 4 + 4 * i, i, dim, INT_MAX));
    }
    // Checked one factor at a time, so that the product never overflows.
    if (header.elements > (kMaxIdxBytes - header.total) / dim) {
      throw DataError(fmt::format(
          "{}: byte offset {}: dimension {} is {}, so the header promises more than {} bytes; "
          "qscale reads IDX files of at most 4 GiB (is the header corrupt?)",
          name, 4 + 4 * i, i, dim, kMaxIdxBytes));
    }
    header.dims.push_back(dim);
    header.elements *= dim;
  }
  header.total += header.elements;
  return header;
}

// Reads the data section, keeping its first `keep` bytes in `*kept`, and checks that the stream
// ends exactly there. Memory grows with the data actually present, never with the header's
// promise alone.
void ReadData(IdxStream& in, const std::string& name, const Header& header, const char* kind,
              uint64_t keep, std::vector<uint8_t>* kept) {
  kept->clear();
  while (kept->size() < keep) {
    const size_t old = kept->size();
    const size_t want = static_cast<size_t>(std::min<uint64_t>(keep - old, kChunk));
    kept->resize(old + want);
    const size_t got = in.Read(kept->data() + old, want);
    kept->resize(old + got);
    if (got < want) Truncated(name, in.offset(), header, kind);
  }
  std::vector<uint8_t> scratch;
  for (uint64_t left = header.elements - keep; left > 0;) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(left, kChunk));
    scratch.resize(want);
    const size_t got = in.Read(scratch.data(), want);
    if (got < want) Truncated(name, in.offset(), header, kind);
    left -= got;
  }
  uint8_t extra = 0;
  if (in.Read(&extra, 1) != 0) {
    throw DataError(fmt::format(
        "{}: trailing bytes at byte offset {}: the header promises {} bytes of {} data ({} bytes "
        "in all); {}",
        name, header.total, header.elements, kind, header.total, kFix));
  }
}

int KeptCount(uint32_t count, int max_count) {
  if (max_count < 0 || static_cast<uint32_t>(max_count) > count) return static_cast<int>(count);
  return max_count;
}

std::string ReadFile(const std::string& path) {
  std::string bytes, reason;
  // A gzip file may be a little larger than the 4 GiB it decompresses to.
  if (!ReadFileBytes(path, kMaxIdxBytes + (kMaxIdxBytes >> 8), &bytes, &reason)) {
    throw DataError(
        fmt::format("{}: cannot open IDX file: {}; check the dataset paths in the "
                    "config (Fashion-MNIST: apt-get install dataset-fashion-mnist)",
                    path, reason));
  }
  return bytes;
}

}  // namespace

IdxImages ParseIdxImages(std::string_view bytes, const std::string& name, int max_count) {
  IdxStream in(bytes, name);
  const Header header = ReadHeader(in, name, kImagesMagic, "image");
  IdxImages images;
  images.count = KeptCount(header.dims[0], max_count);
  images.rows = static_cast<int>(header.dims[1]);
  images.cols = static_cast<int>(header.dims[2]);
  const uint64_t keep =
      uint64_t{static_cast<uint32_t>(images.count)} * header.dims[1] * header.dims[2];
  ReadData(in, name, header, "image", keep, &images.pixels);
  return images;
}

std::vector<uint8_t> ParseIdxLabels(std::string_view bytes, const std::string& name,
                                    int max_count) {
  IdxStream in(bytes, name);
  const Header header = ReadHeader(in, name, kLabelsMagic, "label");
  std::vector<uint8_t> labels;
  ReadData(in, name, header, "label", KeptCount(header.dims[0], max_count), &labels);
  return labels;
}

IdxImages ReadIdxImages(const std::string& path, int max_count) {
  return ParseIdxImages(ReadFile(path), path, max_count);
}

std::vector<uint8_t> ReadIdxLabels(const std::string& path, int max_count) {
  return ParseIdxLabels(ReadFile(path), path, max_count);
}

}  // namespace qscale::nn
