// The proofs routes over a real server on both engines, behind a guard that stands in for
// identity's: uploads as raw image bodies, the files and their digest, status codes and
// problem documents, readings from a session or a device key, and the admins' device routes.
#include "reskflow/modules/utc_time.h"
#include "test_fixture.h"

namespace reskflow::proofs::testing {
namespace {

using reskflow::testing::HttpResult;

class ProofsRoutesTest : public ProofsFixture {
 protected:
  void SetUp() override {
    ProofsFixture::SetUp();
    if (HasFatalFailure()) return;
    serve({module.get()});
  }

  // A request with a raw body of `content_type` and the whole Authorization header (sessions,
  // device keys), either left out when empty.
  HttpResult send(std::string_view method, const std::string& path, std::string body,
                  const std::string& content_type, const std::string& authorization) {
    modules::testing::Headers headers;
    if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
    if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
    return request(method, path, std::move(body), std::move(headers));
  }

  HttpResult get(const std::string& path, const std::string& who) { return call("GET", path, who); }

  HttpResult readings(const std::string& delivery_id, const boost::json::array& items,
                      const std::string& authorization) {
    return send("POST", "/v1/deliveries/" + delivery_id + "/temperature",
                json::serialize(boost::json::object{{"readings", items}}), "application/json",
                authorization);
  }

  static boost::json::object reading(double celsius, std::int64_t at_us) {
    return {{"celsius", celsius}, {"measured_at", modules::iso_utc(at_us)}};
  }

  const std::string as_dave = "Bearer driver:" + dave;
  const std::string photo_path = "/v1/deliveries/" + cold + "/proof";
};

TEST_P(ProofsRoutesTest, UploadsAPhotoAndServesItWithoutExifWithItsDigest) {
  const auto jpeg = jpeg_with_exif();
  auto created = send("POST", photo_path, jpeg.original, "image/jpeg", as_dave);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto stored = body_of(created);
  EXPECT_EQ(stored.at("sha256").as_string(), sha256_hex(jpeg.clean));
  EXPECT_EQ(stored.at("content_type").as_string(), "image/jpeg");
  EXPECT_EQ(created.header("Location").value_or(""), photo_path + "/photo");

  auto photo = get(photo_path + "/photo", "customer:" + ada);
  ASSERT_EQ(photo.status, 200) << photo.body;
  EXPECT_EQ(photo.body, jpeg.clean);
  EXPECT_EQ(photo.header("Content-Type").value_or(""), "image/jpeg");
  EXPECT_EQ(photo.header("ETag").value_or(""), "\"" + sha256_hex(jpeg.clean) + "\"");
  EXPECT_EQ(photo.header("Repr-Digest").value_or(""), repr_digest(sha256_hex(jpeg.clean)));
  EXPECT_EQ(photo.header("Cache-Control").value_or(""), "private, no-store");

  auto record = get(photo_path, "merchant:" + mia);
  ASSERT_EQ(record.status, 200) << record.body;
  const auto r = body_of(record);
  EXPECT_EQ(r.at("photo").at("sha256").as_string(), sha256_hex(jpeg.clean));
  EXPECT_TRUE(r.at("signature").is_null());
  EXPECT_EQ(r.at("temperature").at("readings").as_int64(), 0);
  EXPECT_TRUE(r.at("temperature").at("compliant").as_bool());
}

TEST_P(ProofsRoutesTest, AnswersWhoMayNotUploadOrSeeWithTheRightStatus) {
  const auto jpeg = jpeg_with_exif().original;
  EXPECT_EQ(send("POST", photo_path, jpeg, "image/jpeg", "").status, 401);
  EXPECT_EQ(send("POST", photo_path, jpeg, "image/jpeg", "Bearer customer:" + ada).status, 403);
  EXPECT_EQ(send("POST", photo_path, jpeg, "image/jpeg", "Bearer driver:" + erin).status, 404);
  ASSERT_EQ(send("POST", photo_path, jpeg, "image/jpeg", as_dave).status, 201);
  EXPECT_EQ(get(photo_path + "/photo", "customer:" + bob).status, 404);
  EXPECT_EQ(get(photo_path + "/photo", "merchant:" + wendy).status, 404);
  EXPECT_EQ(get(photo_path, "driver:" + erin).status, 404);
  EXPECT_EQ(get(photo_path + "/photo", "admin:admin-1").status, 200);
  EXPECT_EQ(get("/v1/deliveries/" + cold + "/signature", "admin:admin-1").status, 404);
}

TEST_P(ProofsRoutesTest, RefusesBodiesThatAreNotTheImageTheyClaim) {
  auto text = send("POST", photo_path, "just some text", "image/jpeg", as_dave);
  ASSERT_EQ(text.status, 415) << text.body;
  EXPECT_EQ(text.header("Content-Type").value_or(""), "application/problem+json");
  EXPECT_NE(std::string(body_of(text).at("detail").as_string()).find("not a JPEG, PNG or WebP"),
            std::string::npos);
  EXPECT_EQ(send("POST", photo_path, jpeg_with_exif().original, "image/png", as_dave).status, 415);
  EXPECT_EQ(send("POST", photo_path, jpeg_with_exif().original, "", as_dave).status, 415);
  auto damaged =
      send("POST", photo_path, jpeg_with_exif().clean.substr(0, 40), "image/jpeg", as_dave);
  EXPECT_EQ(damaged.status, 422) << damaged.body;
  const auto signature = png_with_text(300, 100);
  auto drawn = send("POST", "/v1/deliveries/" + cold + "/signature", signature.original,
                    "image/png", as_dave);
  ASSERT_EQ(drawn.status, 201) << drawn.body;
  auto back = get("/v1/deliveries/" + cold + "/signature", "customer:" + ada);
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(back.body, signature.clean);
}

TEST_P(ProofsRoutesTest, TakesReadingsFromTheCourierOrTheirDeviceAndReportsCompliance) {
  const auto at = clock.now_us() - 5 * minute_us;
  auto absurd = readings(cold, {reading(1e9, at)}, as_dave);
  ASSERT_EQ(absurd.status, 422) << absurd.body;
  EXPECT_EQ(body_of(absurd).at("errors").at(0).at("field").as_string(), "readings[0].celsius");
  auto bad_time = readings(cold, {{{"celsius", 4}, {"measured_at", "yesterday"}}}, as_dave);
  ASSERT_EQ(bad_time.status, 422) << bad_time.body;
  EXPECT_EQ(body_of(bad_time).at("errors").at(0).at("field").as_string(),
            "readings[0].measured_at");
  auto not_cold = readings(plain, {reading(4, at)}, as_dave);
  ASSERT_EQ(not_cold.status, 409) << not_cold.body;
  EXPECT_EQ(readings(cold, {reading(4, at)}, "").status, 401);
  EXPECT_EQ(readings(cold, {reading(4, at)}, "Bearer customer:" + ada).status, 403);
  EXPECT_EQ(readings(cold, {reading(4, at)}, "Device rfdev_unknown").status, 401);

  auto issued = send("POST", "/v1/admin/devices",
                     json::serialize(boost::json::object{{"driver_id", dave}, {"name", "Van 7"}}),
                     "application/json", "Bearer admin:admin-1");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string key(body_of(issued).at("key").as_string());
  auto ok =
      readings(cold, {reading(4, at), reading(11, at + minute_us), reading(5, at + 3 * minute_us)},
               "Device " + key);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(body_of(ok).at("accepted").as_int64(), 3);
  EXPECT_EQ(body_of(ok).at("excursions_started").as_int64(), 1);

  auto report = get("/v1/deliveries/" + cold + "/temperature", "customer:" + ada);
  ASSERT_EQ(report.status, 200) << report.body;
  const auto r = body_of(report);
  EXPECT_EQ(r.at("readings").as_int64(), 3);
  EXPECT_EQ(r.at("out_of_range_s").as_int64(), 120);
  EXPECT_DOUBLE_EQ(r.at("out_of_range_minutes").to_number<double>(), 2.0);
  EXPECT_DOUBLE_EQ(r.at("max_c").to_number<double>(), 11);
  EXPECT_EQ(r.at("excursion_runs").as_array().size(), 1U);
  EXPECT_EQ(get("/v1/deliveries/" + cold + "/temperature", "customer:" + bob).status, 404);
}

TEST_P(ProofsRoutesTest, OnlyAdminsIssueAndRevokeDeviceKeys) {
  const auto body = json::serialize(boost::json::object{{"driver_id", dave}, {"name", "Van 7"}});
  EXPECT_EQ(send("POST", "/v1/admin/devices", body, "application/json", as_dave).status, 403);
  auto missing = send("POST", "/v1/admin/devices", "{}", "application/json", "Bearer admin:a");
  ASSERT_EQ(missing.status, 422);
  EXPECT_EQ(body_of(missing).at("errors").as_array().size(), 2U);
  auto issued = send("POST", "/v1/admin/devices", body, "application/json", "Bearer admin:a");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const auto device = body_of(issued);
  EXPECT_EQ(device.at("driver_id").as_string(), dave);
  EXPECT_EQ(issued.header("Cache-Control").value_or(""), "no-store");
  const std::string path = "/v1/admin/devices/" + std::string(device.at("id").as_string());
  EXPECT_EQ(send("DELETE", path, {}, {}, as_dave).status, 403);
  EXPECT_EQ(send("DELETE", path, {}, {}, "Bearer admin:a").status, 204);
  EXPECT_EQ(send("DELETE", path, {}, {}, "Bearer admin:a").status, 404);
  const auto key = std::string(device.at("key").as_string());
  EXPECT_EQ(readings(cold, {reading(4, clock.now_us())}, "Device " + key).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Engines, ProofsRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::proofs::testing
