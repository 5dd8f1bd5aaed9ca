// The proof rules on both engines: who adds and who sees photos and signatures, when, what is
// stored (no metadata, its hash); temperature readings with their excursion events and alerts,
// known answers included; sensor device keys.
#include <filesystem>

#include "test_fixture.h"

namespace reskflow::proofs::testing {
namespace {

class ProofsServiceTest : public ProofsFixture {
 protected:
  Result<StoredProof> upload(const std::string& driver, const std::string& delivery_id,
                             const std::string& body, const std::string& type = "image/jpeg",
                             ProofKind kind = ProofKind::photo) {
    return service().put_file(driver, delivery_id, kind, type, body);
  }

  std::size_t stored_files() {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(files.path() / "proofs")) {
      (void)e;
      ++n;
    }
    return n;
  }
};

TEST_P(ProofsServiceTest, StoresTheCouriersPhotoWithoutItsExifAndRecordsItsHash) {
  const auto jpeg = jpeg_with_exif();
  auto stored = upload(dave, cold, jpeg.original);
  ASSERT_TRUE(stored) << stored.error().detail;
  EXPECT_EQ(stored->sha256, sha256_hex(jpeg.clean));
  EXPECT_EQ(stored->content_type, "image/jpeg");
  EXPECT_EQ(stored->bytes, static_cast<std::int64_t>(jpeg.clean.size()));
  EXPECT_EQ(stored->uploaded_by, dave);
  EXPECT_EQ(stored->uploaded_at_us, clock.now_us());
  auto file = service().file(as("customer", ada), cold, ProofKind::photo);
  ASSERT_TRUE(file) << file.error().detail;
  EXPECT_EQ(file->bytes, jpeg.clean);
  EXPECT_EQ(file->bytes.find("Exif"), std::string::npos);
  auto record = module->record(cold);
  ASSERT_TRUE(record);
  ASSERT_TRUE(record->photo);
  EXPECT_EQ(record->photo->sha256, sha256_hex(jpeg.clean));
  EXPECT_FALSE(record->signature);
  ASSERT_TRUE(record->temperature);  // a cold-chain delivery's record has its compliance
  EXPECT_EQ(record->temperature->readings, 0);
  EXPECT_FALSE(module->record(plain)->temperature);
  EXPECT_EQ(module->record("no-such-delivery").error().code, ErrorCode::not_found);
}

TEST_P(ProofsServiceTest, OnlyTheAssignedCourierAddsAndOnlyTheDeliverysPartiesSee) {
  EXPECT_EQ(upload(erin, cold, jpeg_with_exif().original).error().code, ErrorCode::not_found);
  ASSERT_TRUE(upload(dave, cold, jpeg_with_exif().original));
  for (const auto& who :
       {as("customer", ada), as("merchant", mia), as("driver", dave), as("admin", "admin-1")}) {
    EXPECT_TRUE(service().file(who, cold, ProofKind::photo)) << who.role;
    EXPECT_TRUE(service().record_for(who, cold)) << who.role;
  }
  for (const auto& who :
       {as("customer", bob), as("merchant", wendy), as("driver", erin), as("partner", "key-1")}) {
    const auto file = service().file(who, cold, ProofKind::photo);
    ASSERT_FALSE(file) << who.role;
    EXPECT_EQ(file.error().code, ErrorCode::not_found) << who.role;
    EXPECT_EQ(service().record_for(who, cold).error().code, ErrorCode::not_found) << who.role;
  }
  // Nothing uploaded yet is a 404 too.
  EXPECT_EQ(service().file(as("customer", ada), cold, ProofKind::signature).error().code,
            ErrorCode::not_found);
}

TEST_P(ProofsServiceTest, TakesProofsWhileCarryingAndForTheWindowAfterDelivery) {
  const auto photo = jpeg_with_exif().original;
  deliveries.set_status(cold, deliveries::status_at_pickup);
  const auto early = upload(dave, cold, photo);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::conflict);
  EXPECT_NE(early.error().detail.find("at_pickup"), std::string::npos);
  deliveries.set_status(cold, deliveries::status_at_dropoff);
  EXPECT_TRUE(upload(dave, cold, photo));
  deliveries.set_status(cold, deliveries::status_delivered, clock.now_us());
  clock.advance(std::chrono::minutes(10));
  EXPECT_TRUE(upload(dave, cold, png_with_text().original, "image/png", ProofKind::signature));
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(upload(dave, cold, photo).error().code, ErrorCode::conflict);
  deliveries.set_status(plain, deliveries::status_failed);
  EXPECT_EQ(upload(dave, plain, photo).error().code, ErrorCode::conflict);
}

TEST_P(ProofsServiceTest, ANewPhotoReplacesTheOldOneAndItsFile) {
  ASSERT_TRUE(upload(dave, cold, jpeg_with_exif().original));
  ASSERT_TRUE(upload(dave, cold, jpeg_with_exif().original));  // the same again: one file
  EXPECT_EQ(stored_files(), 1U);
  const auto png = png_with_text();
  ASSERT_TRUE(upload(dave, cold, png.original, "image/png"));
  EXPECT_EQ(stored_files(), 1U);
  const auto file = service().file(as("driver", dave), cold, ProofKind::photo);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->proof.content_type, "image/png");
  EXPECT_EQ(file->bytes, png.clean);
}

TEST_P(ProofsServiceTest, RefusesWhatIsNotTheImageItClaimsToBe) {
  const auto pdf = upload(dave, cold, "%PDF-1.7 not a photo");
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().code, ErrorCode::unsupported_media_type);
  const auto liar = upload(dave, cold, jpeg_with_exif().original, "image/png");
  ASSERT_FALSE(liar);
  EXPECT_EQ(liar.error().code, ErrorCode::unsupported_media_type);
  EXPECT_NE(liar.error().detail.find("image/jpeg"), std::string::npos);
  EXPECT_EQ(upload(dave, cold, jpeg_with_exif().original, "application/octet-stream").error().code,
            ErrorCode::unsupported_media_type);
  // A signature is a PNG, and not a huge one.
  EXPECT_EQ(upload(dave, cold, jpeg_with_exif().original, "image/jpeg", ProofKind::signature)
                .error()
                .code,
            ErrorCode::unsupported_media_type);
  EXPECT_EQ(upload(dave, cold, png_with_text(4096, 10).original, "image/png", ProofKind::signature)
                .error()
                .code,
            ErrorCode::validation_failed);
  std::string large = jpeg_with_exif().original;
  large.resize(static_cast<std::size_t>(ProofsSettings{}.photo_bytes_max) + 1, '\0');
  EXPECT_EQ(upload(dave, cold, large).error().code, ErrorCode::payload_too_large);
  EXPECT_EQ(stored_files(), 0U);
}

INSTANTIATE_TEST_SUITE_P(Engines, ProofsServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::proofs::testing
