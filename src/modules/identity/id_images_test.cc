// ID document images over HTTP on both engines: the upload strips metadata and is stored
// encrypted, wrong types and oversized bodies are refused, only the uploader can attach an image,
// admins alone read it back (not cached, audited), and erasure deletes the files.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdio>
#include <filesystem>

#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/modules/testing/test_images.h"
#include "reskflow/store/migrations.h"
#include "reskflow/testing/paths.h"

namespace reskflow::identity {
namespace {

using modules::testing::jpeg_with_exif;
using modules::testing::png_with_text;
using reskflow::testing::HttpResult;

constexpr std::string_view password = "plum tractor midnight";

class IdImageTest : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    const std::vector<store::MigrationSet> sets{bus::migrations(), migrations()};
    ASSERT_TRUE(store::migrate(db(), sets));
    settings.argon2 = {1, 64};
    settings.jwt_secret = "test-secret-test-secret-test-secret!";
    settings.data_keys = {{"k1", std::string(32, 'a')}};
    settings.email_index_key = "k";
    settings.id_images_dir = images_dir().string();
    settings.id_image_bytes_max = 4096;
    settings.id_images_unattached_max = 2;
    module = std::make_unique<IdentityModuleImpl>(platform(), settings);
    serve({module.get()});
    ada = "customer:" + user("ada@example.com", "customer");
    dan = "driver:" + user("dan@example.com", "driver");
    admin = "admin:" + user("root@example.com", "admin");
  }
  void release_modules() override { module.reset(); }

  std::string user(const std::string& email, const std::string& role) {
    auto made = module->services().admin.create_user(
        {"cli", "system"}, {email, std::string(password), "N", std::nullopt, role}, {});
    EXPECT_TRUE(made) << (made ? "" : made.error().detail);
    return made ? made->id : std::string();
  }
  std::filesystem::path images_dir() const { return files.path() / "id-images"; }
  std::string first_file() const {
    const auto path = std::filesystem::directory_iterator(images_dir())->path();
    std::string bytes(std::filesystem::file_size(path), '\0');
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return {};
    const auto read = std::fread(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    bytes.resize(read);
    return bytes;
  }
  std::size_t stored_files() const {
    if (!std::filesystem::exists(images_dir())) return 0;
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(images_dir()),
                                                  std::filesystem::directory_iterator()));
  }
  HttpResult upload(const std::string& who, std::string media_type, std::string bytes) const {
    return request("POST", "/v1/id-verifications/images", std::move(bytes),
                   {{"Authorization", "Bearer " + who}, {"Content-Type", std::move(media_type)}});
  }
  std::string uploaded_ref(const std::string& who) const {
    const auto r = upload(who, "image/png", png_with_text().original);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(body_of(r).at("image_ref").as_string()) : "";
  }
  HttpResult submit(const std::string& who, const std::string& image_ref) const {
    return call_json("POST", "/v1/id-verifications", who,
                     {{"document_type", "passport"},
                      {"document_number", "X1234567"},
                      {"date_of_birth", "1990-04-01"},
                      {"image_ref", image_ref}});
  }
  std::int64_t audited(const std::string& action) {
    auto rows = db().read([&](store::Transaction& tx) {
      return tx.query("SELECT count(*) FROM identity_audit_log WHERE action = $1", {action});
    });
    return rows && !rows->empty() ? rows->front().int64(0) : -1;
  }

  reskflow::testing::TempDir files;
  IdentitySettings settings;
  std::unique_ptr<IdentityModuleImpl> module;
  std::string ada, dan, admin;
};

TEST_P(IdImageTest, StoresTheUploadWithoutMetadataAndEncrypted) {
  const auto sample = jpeg_with_exif();
  const auto r = upload(dan, "image/jpeg", sample.original);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  const auto out = body_of(r);
  EXPECT_EQ(out.at("media_type").as_string(), "image/jpeg");
  EXPECT_EQ(out.at("size_bytes").as_int64(), static_cast<std::int64_t>(sample.clean.size()));
  ASSERT_EQ(stored_files(), 1U);
  // On disk: neither the image nor its EXIF in the clear.
  const auto bytes = first_file();
  EXPECT_GT(bytes.size(), sample.clean.size());
  EXPECT_TRUE(bytes.starts_with("v1.k1."));
  EXPECT_EQ(bytes.find("Exif"), std::string::npos);
}

TEST_P(IdImageTest, RefusesOtherTypesMismatchesDamageAndOversizedImages) {
  EXPECT_EQ(upload(dan, "image/webp", modules::testing::webp_with_exif().original).status, 415);
  EXPECT_EQ(upload(dan, "application/pdf", "%PDF-1.7 not an image").status, 415);
  EXPECT_EQ(upload(dan, "image/png", jpeg_with_exif().original).status, 415);  // bytes say JPEG
  EXPECT_EQ(upload(dan, "image/png", png_with_text().original.substr(0, 30)).status, 422);
  EXPECT_EQ(
      upload(dan, "image/png", png_with_text(3000, 3000).original + std::string(5000, 'x')).status,
      413);
  EXPECT_EQ(upload(admin, "image/png", png_with_text().original).status, 403);
  EXPECT_EQ(upload("", "image/png", png_with_text().original).status, 401);
  EXPECT_EQ(stored_files(), 0U);
}

TEST_P(IdImageTest, OnlyTheUploaderCanAttachAnImage) {
  const auto dans = uploaded_ref(dan);
  for (const auto& ref : {dans, std::string("0190ffff-0000-7000-8000-000000000000")}) {
    const auto refused = submit(ada, ref);
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(error_fields(refused), std::set<std::string>{"image_ref"});
  }
  EXPECT_EQ(submit(dan, dans).status, 201);
}

TEST_P(IdImageTest, KeepsOnlyTheNewestUnattachedUploads) {
  const auto attached = uploaded_ref(dan);
  ASSERT_EQ(submit(dan, attached).status, 201);
  const auto oldest = uploaded_ref(dan);
  uploaded_ref(dan);
  uploaded_ref(dan);  // a third unattached one: the oldest goes
  EXPECT_EQ(stored_files(), 3U);
  EXPECT_EQ(submit(ada, oldest).status, 422);
}

TEST_P(IdImageTest, AdminsReadTheImageOfASubmissionUncachedAndAudited) {
  const auto sample = png_with_text();
  const auto ref = uploaded_ref(dan);
  const auto submitted = submit(dan, ref);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const auto path = "/v1/admin/id-verifications/" +
                    std::string(body_of(submitted).at("id").as_string()) + "/image";
  EXPECT_EQ(call("GET", path, dan).status, 403);
  const auto r = call("GET", path, admin);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, sample.clean);
  EXPECT_EQ(r.header("Content-Type").value_or(""), "image/png");
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(audited("id.image_viewed"), 1);
  EXPECT_EQ(
      call("GET", "/v1/admin/id-verifications/0190ffff-0000-7000-8000-000000000000/image", admin)
          .status,
      404);
}

TEST_P(IdImageTest, KeyRotationReEncryptsImagesUnderTheNewKey) {
  const auto submitted = submit(dan, uploaded_ref(dan));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string id(body_of(submitted).at("id").as_string());
  auto rotated_settings = settings;
  rotated_settings.data_keys = {{"k2", std::string(32, 'b')}, {"k1", std::string(32, 'a')}};
  Services rotated(db(), rotated_settings);
  auto n = rotated.privacy.rotate_keys(10);
  ASSERT_TRUE(n) << n.error().detail;
  EXPECT_GE(*n, 1);
  EXPECT_TRUE(first_file().starts_with("v1.k2."));
  auto only_new = settings;
  only_new.data_keys = {{"k2", std::string(32, 'b')}};
  Services after(db(), only_new);
  auto image = after.id_images.for_review({"admin-1", "admin"}, id, {});
  ASSERT_TRUE(image) << image.error().detail;
  EXPECT_EQ(image->bytes, png_with_text().clean);
}

TEST_P(IdImageTest, ErasingTheAccountDeletesItsImages) {
  const auto ref = uploaded_ref(dan);
  ASSERT_EQ(submit(dan, ref).status, 201);
  uploaded_ref(dan);
  uploaded_ref(ada);
  ASSERT_EQ(stored_files(), 3U);
  const auto erased = call_json("DELETE", "/v1/me", dan, {{"password", password}});
  ASSERT_EQ(erased.status, 204) << erased.body;
  EXPECT_EQ(stored_files(), 1U);  // Ada's stays
  auto rows = db().read([&](store::Transaction& tx) {
    return tx.query("SELECT count(*) FROM identity_id_images", {});
  });
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().int64(0), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, IdImageTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::identity
