// Uploaded images: the type read from the bytes themselves (JPEG, PNG, WebP), and a copy with
// the metadata removed (EXIF, XMP, ICC profiles, comments, text chunks) by walking the format's
// own structure: JPEG markers, PNG chunks, WebP RIFF chunks. No pixel is decoded or changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"

namespace reskflow::modules {

enum class ImageType : std::uint8_t { jpeg, png, webp };

// "image/jpeg", "image/png", "image/webp".
std::string_view media_type(ImageType type);
// The type a media type names (parameters after ';' ignored, case-insensitive), or nullopt.
std::optional<ImageType> image_type_named(std::string_view media_type);
// The type the first bytes announce (magic numbers), or nullopt.
std::optional<ImageType> sniff_image(std::string_view bytes);

struct CleanImage {
  ImageType type = ImageType::jpeg;
  std::string bytes;  // the image without its metadata
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

// The image without metadata. unsupported_media_type when the bytes are none of the three
// types; validation_failed when they start like one but break its structure (truncated, a
// segment running past the end, no image data).
Result<CleanImage> strip_metadata(std::string_view bytes);

}  // namespace reskflow::modules
