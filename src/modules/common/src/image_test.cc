// Image sniffing and metadata removal: the metadata of each format goes, the image data stays
// byte for byte, and bytes that only pretend to be an image are refused.
#include "reskflow/modules/image.h"

#include <gtest/gtest.h>

#include <random>

#include "reskflow/modules/testing/test_images.h"

namespace reskflow::modules {
namespace {

using testing::jpeg_with_exif;
using testing::png_crc;
using testing::png_with_text;
using testing::segment;
using testing::webp_with_exif;

TEST(ImageTest, RemovesExifXmpCommentsAndTrailerFromAJpegKeepingTheImageData) {
  const auto sample = jpeg_with_exif();
  const auto clean = strip_metadata(sample.original);
  ASSERT_TRUE(clean) << clean.error().detail;
  EXPECT_EQ(clean->type, ImageType::jpeg);
  EXPECT_EQ(clean->bytes, sample.clean);
  EXPECT_EQ(clean->bytes.find("Exif"), std::string::npos);
  EXPECT_EQ(clean->bytes.find("48.8584N"), std::string::npos);
  EXPECT_EQ(clean->bytes.find("courier 42"), std::string::npos);
  EXPECT_EQ(clean->width, 16U);
  EXPECT_EQ(clean->height, 8U);
  // Stripping what is already clean changes nothing.
  const auto again = strip_metadata(clean->bytes);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->bytes, clean->bytes);
}

TEST(ImageTest, KeepsTheAdobeSegmentDecodersNeed) {
  const auto sample = jpeg_with_exif();
  const auto adobe = segment(0xEE, std::string("Adobe\0\x64\0\0\0\0\x01", 12));
  auto original = sample.original;
  original.insert(2, adobe);
  auto expected = sample.clean;
  expected.insert(2, adobe);
  const auto clean = strip_metadata(original);
  ASSERT_TRUE(clean) << clean.error().detail;
  EXPECT_EQ(clean->bytes, expected);
}

TEST(ImageTest, DropsPngTextAndExifChunksWithValidChecksums) {
  EXPECT_EQ(png_crc("IEND"), 0xAE426082U);  // the builder's CRC is the PNG one
  const auto sample = png_with_text(640, 480);
  const auto clean = strip_metadata(sample.original);
  ASSERT_TRUE(clean) << clean.error().detail;
  EXPECT_EQ(clean->type, ImageType::png);
  EXPECT_EQ(clean->bytes, sample.clean);
  EXPECT_EQ(clean->width, 640U);
  EXPECT_EQ(clean->height, 480U);
}

TEST(ImageTest, DropsWebpExifXmpAndIccAndClearsTheirFlags) {
  const auto sample = webp_with_exif();
  const auto clean = strip_metadata(sample.original);
  ASSERT_TRUE(clean) << clean.error().detail;
  EXPECT_EQ(clean->type, ImageType::webp);
  EXPECT_EQ(clean->bytes, sample.clean);
  EXPECT_EQ(clean->width, 3U);
  EXPECT_EQ(clean->height, 2U);
}

TEST(ImageTest, RefusesWhatIsNoImageAsUnsupported) {
  for (const auto& body :
       {std::string("%PDF-1.7 ..."), std::string("<svg/>"), std::string("GIF89a"), std::string()}) {
    const auto clean = strip_metadata(body);
    ASSERT_FALSE(clean) << body;
    EXPECT_EQ(clean.error().code, ErrorCode::unsupported_media_type);
  }
}

TEST(ImageTest, RefusesDamagedImagesAsInvalid) {
  const auto jpeg = jpeg_with_exif().clean;
  const auto png = png_with_text().clean;
  auto bad_crc = png;
  bad_crc[bad_crc.size() - 1] ^= 0x01;
  auto bad_riff = webp_with_exif().clean;
  bad_riff[4] = '\x7F';
  const std::vector<std::string> damaged{
      jpeg.substr(0, 40),                    // cut inside a segment
      jpeg.substr(0, jpeg.size() - 2),       // no end of image
      std::string("\xFF\xD8\xFF\xD9", 4),    // no frame, no scan
      png.substr(0, png.size() - 12),        // no IEND
      bad_crc,                               // a chunk's checksum is wrong
      bad_riff,                              // the RIFF size runs past the end
      std::string("RIFF\x04\0\0\0WEBP", 12)  // no image chunk
  };
  for (const auto& body : damaged) {
    const auto clean = strip_metadata(body);
    ASSERT_FALSE(clean) << ::testing::PrintToString(body);
    EXPECT_EQ(clean.error().code, ErrorCode::validation_failed) << clean.error().detail;
  }
}

// Seeded mutations of the samples (flipped bytes, cuts, insertions) under the sanitizers: the
// parser never reads out of bounds, and what it accepts is clean for good: stripping it again
// changes nothing, and it is never larger than what came in.
TEST(ImageTest, SurvivesMutatedImagesAndStripsIdempotently) {
  const std::uint64_t seed = 20261128;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 random(seed);
  const std::vector<std::string> samples{jpeg_with_exif().original, png_with_text().original,
                                         webp_with_exif().original};
  for (int round = 0; round < 3000; ++round) {
    auto bytes = samples[static_cast<std::size_t>(round) % samples.size()];
    const auto mutations = 1 + random() % 4;
    for (std::uint64_t m = 0; m < mutations && !bytes.empty(); ++m) {
      const auto at = random() % bytes.size();
      switch (random() % 3) {
        case 0: bytes[at] = static_cast<char>(random() & 0xFF); break;
        case 1: bytes.resize(at); break;
        default: bytes.insert(at, 1, static_cast<char>(random() & 0xFF));
      }
    }
    const auto clean = strip_metadata(bytes);
    if (!clean) continue;
    EXPECT_LE(clean->bytes.size(), bytes.size()) << "round " << round;
    const auto again = strip_metadata(clean->bytes);
    ASSERT_TRUE(again) << "round " << round << ": " << again.error().detail;
    EXPECT_EQ(again->bytes, clean->bytes) << "round " << round;
  }
}

TEST(ImageTest, ReadsMediaTypesWithParametersAndCase) {
  EXPECT_EQ(image_type_named("image/jpeg"), ImageType::jpeg);
  EXPECT_EQ(image_type_named("Image/PNG; charset=binary"), ImageType::png);
  EXPECT_EQ(image_type_named("image/webp"), ImageType::webp);
  EXPECT_FALSE(image_type_named("image/gif"));
  EXPECT_FALSE(image_type_named(""));
}

}  // namespace
}  // namespace reskflow::modules
