// gzip negotiation and a compress/decompress round trip through zlib.
#include "http/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace reskflow::http {
namespace {

std::string gunzip(const std::string& data) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

TEST(Gzip, NegotiatesFromAcceptEncoding) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
}

TEST(Gzip, RoundTripsAndShrinksRepetitiveJson) {
  std::string json = "[";
  for (int i = 0; i < 500; ++i) json += R"({"id":)" + std::to_string(i) + R"(,"name":"item"},)";
  json.back() = ']';
  const auto compressed = gzip_compress(json);
  ASSERT_TRUE(compressed);
  EXPECT_LT(compressed->size(), json.size() / 4);
  EXPECT_EQ(gunzip(*compressed), json);
}

TEST(Gzip, CompressesOnlyTextLikeTypes) {
  EXPECT_TRUE(compressible("application/json"));
  EXPECT_TRUE(compressible("text/html; charset=utf-8"));
  EXPECT_FALSE(compressible("image/png"));
}

}  // namespace
}  // namespace reskflow::http
