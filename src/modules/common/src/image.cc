// Image type sniffing and metadata removal over the structure of JPEG (ITU T.81 markers), PNG
// (RFC 2083 chunks, CRC-checked) and WebP (RIFF chunks).
#include "reskflow/modules/image.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace reskflow::modules {
namespace {

constexpr std::string_view png_signature = "\x89PNG\r\n\x1a\n";

std::uint8_t byte_at(std::string_view in, std::size_t at) {
  return static_cast<std::uint8_t>(in[at]);
}

std::uint32_t be16(std::string_view in, std::size_t at) {
  return (std::uint32_t{byte_at(in, at)} << 8) | byte_at(in, at + 1);
}

std::uint32_t be32(std::string_view in, std::size_t at) {
  return (be16(in, at) << 16) | be16(in, at + 2);
}

std::uint32_t le32(std::string_view in, std::size_t at) {
  return std::uint32_t{byte_at(in, at)} | (std::uint32_t{byte_at(in, at + 1)} << 8) |
         (std::uint32_t{byte_at(in, at + 2)} << 16) | (std::uint32_t{byte_at(in, at + 3)} << 24);
}

std::uint32_t le24(std::string_view in, std::size_t at) {
  return std::uint32_t{byte_at(in, at)} | (std::uint32_t{byte_at(in, at + 1)} << 8) |
         (std::uint32_t{byte_at(in, at + 2)} << 16);
}

void put_le32(std::string& out, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) out[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

std::unexpected<Error> damaged(ImageType type, std::string_view what) {
  return fail(ErrorCode::validation_failed, "the " +
                                                std::string(type == ImageType::jpeg  ? "JPEG"
                                                            : type == ImageType::png ? "PNG"
                                                                                     : "WebP") +
                                                " image is damaged: " + std::string(what));
}

// --- JPEG ---

bool is_frame_marker(std::uint8_t m) {  // SOF0..SOF15 except DHT, JPG and DAC
  return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

bool is_standalone_marker(std::uint8_t m) { return m == 0x01 || (m >= 0xD0 && m <= 0xD7); }

// APP0..APP15 (EXIF, XMP, ICC, JFIF thumbnails, maker notes) and COM go; an APP14 "Adobe"
// segment stays, because decoders need its colour transform to show the pixels right.
bool keeps_jpeg_segment(std::uint8_t marker, std::string_view data) {
  if (marker == 0xFE) return false;
  if (marker < 0xE0 || marker > 0xEF) return true;
  return marker == 0xEE && data.starts_with("Adobe");
}

// Where the entropy-coded data starting at `pos` ends: the 0xFF of the next marker that is not
// a stuffed zero, a restart marker or fill; npos when there is none.
std::size_t entropy_end(std::string_view in, std::size_t pos) {
  for (std::size_t i = pos; i + 1 < in.size(); ++i) {
    if (byte_at(in, i) != 0xFF) continue;
    const auto next = byte_at(in, i + 1);
    if (next == 0xFF) continue;
    if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
      ++i;
      continue;
    }
    return i;
  }
  return std::string_view::npos;
}

Result<CleanImage> strip_jpeg(std::string_view in) {
  CleanImage out{ImageType::jpeg, "\xFF\xD8", 0, 0};
  std::size_t pos = 2;
  bool frame = false;
  bool scanned = false;
  while (true) {
    if (pos >= in.size() || byte_at(in, pos) != 0xFF)
      return damaged(out.type, "a marker is missing");
    while (pos < in.size() && byte_at(in, pos) == 0xFF) ++pos;
    if (pos >= in.size()) return damaged(out.type, "it ends inside a marker");
    const auto marker = byte_at(in, pos++);
    if (marker == 0xD9) {
      if (!scanned) return damaged(out.type, "it has no image data");
      out.bytes += "\xFF\xD9";  // what follows the end of the image (trailers) is dropped
      return out;
    }
    if (is_standalone_marker(marker)) {
      out.bytes.push_back('\xFF');
      out.bytes.push_back(static_cast<char>(marker));
      continue;
    }
    if (pos + 2 > in.size()) return damaged(out.type, "a segment is cut off");
    const auto length = be16(in, pos);
    if (length < 2 || pos + length > in.size()) return damaged(out.type, "a segment is cut off");
    const auto data = in.substr(pos + 2, length - 2);
    if (is_frame_marker(marker)) {
      if (data.size() < 6) return damaged(out.type, "the frame header is too short");
      out.height = be16(data, 1);
      out.width = be16(data, 3);
      frame = true;
    }
    if (keeps_jpeg_segment(marker, data)) {
      out.bytes.push_back('\xFF');
      out.bytes.push_back(static_cast<char>(marker));
      out.bytes.append(in.substr(pos, length));
    }
    pos += length;
    if (marker != 0xDA) continue;
    if (!frame) return damaged(out.type, "a scan comes before the frame header");
    const auto end = entropy_end(in, pos);
    if (end == std::string_view::npos) return damaged(out.type, "it ends inside the image data");
    out.bytes.append(in.substr(pos, end - pos));
    pos = end;
    scanned = true;
  }
}

// --- PNG ---

std::uint32_t crc32(std::string_view data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < t.size(); ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFU;
  for (const char ch : data) c = table[(c ^ static_cast<std::uint8_t>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFU;
}

// The critical chunks and the ancillary ones that change how pixels look; text (tEXt, zTXt,
// iTXt), eXIf, tIME, iCCP, animation and private chunks go.
bool keeps_png_chunk(std::string_view type) {
  static constexpr std::array<std::string_view, 11> kept{
      "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs"};
  return std::ranges::find(kept, type) != kept.end();
}

Result<CleanImage> strip_png(std::string_view in) {
  CleanImage out{ImageType::png, std::string(png_signature), 0, 0};
  std::size_t pos = png_signature.size();
  bool data = false;
  while (true) {
    if (pos + 12 > in.size()) return damaged(out.type, "it ends before its last chunk");
    const auto length = be32(in, pos);
    if (length > in.size() - pos - 12) return damaged(out.type, "a chunk is cut off");
    const auto type = in.substr(pos + 4, 4);
    if (!std::ranges::all_of(type,
                             [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
      return damaged(out.type, "a chunk has an invalid type");
    if (crc32(in.substr(pos + 4, 4 + length)) != be32(in, pos + 8 + length))
      return damaged(out.type, "the checksum of a " + std::string(type) + " chunk is wrong");
    const bool first = out.bytes.size() == png_signature.size();
    if (first != (type == "IHDR")) return damaged(out.type, "IHDR is not the first chunk");
    if (type == "IHDR") {
      if (length != 13) return damaged(out.type, "the IHDR chunk has the wrong length");
      out.width = be32(in, pos + 8);
      out.height = be32(in, pos + 12);
    }
    const bool critical = std::isupper(static_cast<unsigned char>(type[0])) != 0;
    if (critical && !keeps_png_chunk(type))
      return damaged(out.type, "it has an unknown critical chunk " + std::string(type));
    if (keeps_png_chunk(type)) out.bytes.append(in.substr(pos, 12 + std::size_t{length}));
    data = data || type == "IDAT";
    pos += 12 + std::size_t{length};
    if (type == "IEND") {
      if (!data) return damaged(out.type, "it has no image data");
      return out;  // what follows IEND is dropped
    }
  }
}

// --- WebP ---

constexpr std::uint8_t vp8x_icc = 0x20;
constexpr std::uint8_t vp8x_exif = 0x08;
constexpr std::uint8_t vp8x_xmp = 0x04;

// Sets the canvas size from a VP8X, VP8 or VP8L chunk's data (VP8X wins: it comes first).
void read_webp_size(std::string_view type, std::string_view data, CleanImage& out) {
  if (out.width != 0) return;
  if (type == "VP8X" && data.size() >= 10) {
    out.width = le24(data, 4) + 1;
    out.height = le24(data, 7) + 1;
  } else if (type == "VP8 " && data.size() >= 10 && data.substr(3, 3) == "\x9d\x01\x2a") {
    out.width = (std::uint32_t{byte_at(data, 6)} | (std::uint32_t{byte_at(data, 7)} << 8)) & 0x3FFF;
    out.height =
        (std::uint32_t{byte_at(data, 8)} | (std::uint32_t{byte_at(data, 9)} << 8)) & 0x3FFF;
  } else if (type == "VP8L" && data.size() >= 5 && byte_at(data, 0) == 0x2F) {
    const auto bits = le32(data, 1);
    out.width = (bits & 0x3FFF) + 1;
    out.height = ((bits >> 14) & 0x3FFF) + 1;
  }
}

Result<CleanImage> strip_webp(std::string_view in) {
  CleanImage out{ImageType::webp, std::string(in.substr(0, 12)), 0, 0};
  const auto riff_end = std::size_t{le32(in, 4)} + 8;
  if (riff_end > in.size() || riff_end % 2 != 0) return damaged(out.type, "the RIFF size is wrong");
  std::size_t pos = 12;
  std::optional<std::size_t> vp8x_flags;  // offset in out.bytes
  bool image = false;
  while (pos < riff_end) {
    if (pos + 8 > riff_end) return damaged(out.type, "a chunk header is cut off");
    const auto type = in.substr(pos, 4);
    const auto size = std::size_t{le32(in, pos + 4)};
    const auto padded = size + size % 2;
    if (padded > riff_end - pos - 8) return damaged(out.type, "a chunk is cut off");
    const auto data = in.substr(pos + 8, size);
    static constexpr std::array<std::string_view, 6> kept{"VP8 ", "VP8L", "VP8X",
                                                          "ALPH", "ANIM", "ANMF"};
    if (std::ranges::find(kept, type) != kept.end()) {
      if (type == "VP8X") vp8x_flags = out.bytes.size() + 8;
      out.bytes.append(in.substr(pos, 8 + padded));
      read_webp_size(type, data, out);
      image = image || type == "VP8 " || type == "VP8L" || type == "ANMF";
    }
    pos += 8 + padded;
  }
  if (!image) return damaged(out.type, "it has no image data");
  if (vp8x_flags && *vp8x_flags < out.bytes.size()) {
    auto& flags = out.bytes[*vp8x_flags];
    flags = static_cast<char>(static_cast<std::uint8_t>(flags) &
                              ~(vp8x_icc | vp8x_exif | vp8x_xmp) & 0xFF);
  }
  put_le32(out.bytes, 4, static_cast<std::uint32_t>(out.bytes.size() - 8));
  return out;
}

}  // namespace

std::string_view media_type(ImageType type) {
  switch (type) {
    case ImageType::jpeg: return "image/jpeg";
    case ImageType::png: return "image/png";
    case ImageType::webp: return "image/webp";
  }
  return "application/octet-stream";
}

std::optional<ImageType> image_type_named(std::string_view media_type_text) {
  auto essence = media_type_text.substr(0, media_type_text.find(';'));
  while (!essence.empty() && essence.back() == ' ') essence.remove_suffix(1);
  std::string lower(essence);
  std::ranges::transform(lower, lower.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto type : {ImageType::jpeg, ImageType::png, ImageType::webp}) {
    if (lower == media_type(type)) return type;
  }
  return std::nullopt;
}

std::optional<ImageType> sniff_image(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) return ImageType::jpeg;
  if (bytes.starts_with(png_signature)) return ImageType::png;
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP")
    return ImageType::webp;
  return std::nullopt;
}

Result<CleanImage> strip_metadata(std::string_view bytes) {
  const auto type = sniff_image(bytes);
  if (!type)
    return fail(ErrorCode::unsupported_media_type,
                "the body is not a JPEG, PNG or WebP image (its first bytes say so, whatever "
                "Content-Type claims)");
  switch (*type) {
    case ImageType::jpeg: return strip_jpeg(bytes);
    case ImageType::png: return strip_png(bytes);
    case ImageType::webp: return strip_webp(bytes);
  }
  return damaged(*type, "unknown type");
}

}  // namespace reskflow::modules
