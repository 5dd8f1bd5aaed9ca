// Small images built byte by byte for the image tests (proofs, ID documents): a JPEG with an
// EXIF segment, a PNG with text and eXIf chunks, a WebP with EXIF and XMP chunks, each with the
// bytes it must become.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace reskflow::modules::testing {

inline std::string be16_bytes(std::uint32_t v) {
  return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)};
}

inline std::string be32_bytes(std::uint32_t v) { return be16_bytes(v >> 16) + be16_bytes(v); }

inline std::string le32_bytes(std::uint32_t v) {
  std::string out;
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  return out;
}

// A JPEG segment: FF <marker> <length> <data>.
inline std::string segment(std::uint8_t marker, std::string_view data) {
  return std::string("\xFF") + static_cast<char>(marker) +
         be16_bytes(static_cast<std::uint32_t>(data.size() + 2)) + std::string(data);
}

struct Sample {
  std::string original;
  std::string clean;  // what strip_metadata must return
};

// 16x8 baseline JPEG structure: the EXIF (with a GPS position), the XMP, the comment and the
// trailer after EOI go; tables, frame, scan header and entropy-coded data stay byte for byte.
inline Sample jpeg_with_exif() {
  const std::string soi("\xFF\xD8", 2);
  const auto jfif = segment(0xE0, std::string("JFIF\0\x01\x02\0\0\x01\0\x01\0\0", 14));
  const auto exif = segment(0xE1, std::string("Exif\0\0MM\0*GPS 48.8584N 2.2945E", 30));
  const auto xmp = segment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>", 41));
  const auto comment = segment(0xFE, "taken by courier 42");
  const auto dqt = segment(0xDB, std::string(65, '\x01'));
  const auto sof = segment(0xC0, std::string("\x08\x00\x08\x00\x10\x01\x01\x11\x00", 9));
  const auto dht = segment(0xC4, std::string("\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                                             "\x00\x00\x00\x00\x00\x00\x05",
                                             18));
  const auto sos = segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6));
  // Entropy-coded data with a stuffed 0xFF00 and a restart marker, which are not markers.
  const std::string scan("\x12\x34\xFF\x00\x56\xFF\xD0\x78\x9A", 9);
  const std::string eoi("\xFF\xD9", 2);
  const std::string trailer("MakerNote trailer after EOI");
  return {soi + jfif + exif + xmp + comment + dqt + sof + dht + sos + scan + eoi + trailer,
          soi + dqt + sof + dht + sos + scan + eoi};
}

inline std::uint32_t png_crc(std::string_view data) {
  std::uint32_t c = 0xFFFFFFFFU;
  for (const char ch : data) {
    c ^= static_cast<std::uint8_t>(ch);
    for (int k = 0; k < 8; ++k) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
  }
  return c ^ 0xFFFFFFFFU;
}

inline std::string png_chunk(std::string_view type, std::string_view data) {
  const auto body = std::string(type) + std::string(data);
  return be32_bytes(static_cast<std::uint32_t>(data.size())) + body + be32_bytes(png_crc(body));
}

// A PNG of width x height; tEXt, iTXt, eXIf and tIME go, gAMA stays.
inline Sample png_with_text(std::uint32_t width = 2, std::uint32_t height = 1) {
  const std::string signature("\x89PNG\r\n\x1a\n", 8);
  const auto ihdr = png_chunk(
      "IHDR", be32_bytes(width) + be32_bytes(height) + std::string("\x08\x02\x00\x00\x00", 5));
  const auto gama = png_chunk("gAMA", be32_bytes(45455));
  const auto text = png_chunk("tEXt", std::string("Author\0Courier 42", 17));
  const auto itxt = png_chunk("iTXt", std::string("GPS\0\0\0\0", 7) + "48.8584N");
  const auto exif = png_chunk("eXIf", std::string("MM\0*GPS", 7));
  const auto time = png_chunk("tIME", std::string("\x07\xEA\x0B\x1C\x09\x0A\x00", 7));
  const auto idat = png_chunk("IDAT", std::string("\x78\x9C\x63\x60\x00\x00\x00\x02\x00\x01", 10));
  const auto iend = png_chunk("IEND", "");
  return {signature + ihdr + gama + text + itxt + exif + time + idat + iend + "trailer",
          signature + ihdr + gama + idat + iend};
}

inline std::string riff_chunk(std::string_view type, std::string_view data) {
  auto out =
      std::string(type) + le32_bytes(static_cast<std::uint32_t>(data.size())) + std::string(data);
  if (data.size() % 2 != 0) out.push_back('\0');
  return out;
}

// An extended WebP (VP8X announcing ICC, EXIF and XMP) of 3x2 pixels, lossless; the ICCP,
// EXIF and XMP chunks go, their flags are cleared, and the RIFF size follows.
inline Sample webp_with_exif() {
  const auto vp8x = [](char flags) {
    return riff_chunk("VP8X", std::string(1, flags) + std::string("\0\0\0\x02\0\0\x01\0\0", 9));
  };
  const auto iccp = riff_chunk("ICCP", "profile");
  const auto vp8l = riff_chunk("VP8L", std::string("\x2F\x02\x40\x00\x00\x07", 6));
  const auto exif = riff_chunk("EXIF", std::string("MM\0*GPS 48.8584N", 16));
  const auto xmp = riff_chunk("XMP ", "<x:xmpmeta/>");
  const auto wrap = [](const std::string& chunks) {
    return "RIFF" + le32_bytes(static_cast<std::uint32_t>(chunks.size() + 4)) + "WEBP" + chunks;
  };
  return {wrap(vp8x('\x2C') + iccp + vp8l + exif + xmp), wrap(vp8x('\x00') + vp8l)};
}

}  // namespace reskflow::modules::testing
