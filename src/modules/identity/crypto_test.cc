// Unit tests of the primitives: TOTP against RFC 6238's vectors, argon2id, the password
// policy, JWT validation (RFC 8725 refusals) and AES-256-GCM field encryption with rotation.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "crypto.h"
#include "field_cipher.h"
#include "jwt.h"
#include "password.h"
#include "totp.h"

namespace reskflow::identity {
namespace {

struct TotpVector {
  std::int64_t time_s;
  const char* sha1;
  const char* sha256;
  const char* sha512;
};

// RFC 6238 Appendix B.
constexpr TotpVector rfc6238[] = {
    {59, "94287082", "46119246", "90693936"},
    {1111111109, "07081804", "68084774", "25091201"},
    {1111111111, "14050471", "67062674", "99943326"},
    {1234567890, "89005924", "91819424", "93441116"},
    {2000000000, "69279037", "90698825", "38618901"},
    {20000000000, "65353130", "77737706", "47863826"},
};

TEST(TotpTest, MatchesTheRfc6238Vectors) {
  const std::string seed1 = "12345678901234567890";
  const std::string seed32 = "12345678901234567890123456789012";
  const std::string seed64_rfc = "1234567890123456789012345678901234567890123456789012345678901234";
  for (const auto& v : rfc6238) {
    const auto step = v.time_s / 30;
    EXPECT_EQ(totp_code(seed1, step, {TotpHash::sha1, 8, 30}), v.sha1) << v.time_s;
    EXPECT_EQ(totp_code(seed32, step, {TotpHash::sha256, 8, 30}), v.sha256) << v.time_s;
    EXPECT_EQ(totp_code(seed64_rfc, step, {TotpHash::sha512, 8, 30}), v.sha512) << v.time_s;
  }
}

TEST(TotpTest, AcceptsOneStepEitherSideAndNoMore) {
  const std::string secret = "12345678901234567890";
  const std::int64_t now = 1'700'000'000;
  const auto step = now / 30;
  EXPECT_EQ(totp_match(secret, totp_code(secret, step), now), step);
  EXPECT_EQ(totp_match(secret, totp_code(secret, step - 1), now), step - 1);
  EXPECT_EQ(totp_match(secret, totp_code(secret, step + 1), now), step + 1);
  EXPECT_FALSE(totp_match(secret, totp_code(secret, step - 2), now));
  EXPECT_FALSE(totp_match(secret, totp_code(secret, step + 2), now));
  EXPECT_FALSE(totp_match(secret, "12345", now));
}

TEST(TotpTest, EncodesBase32AndTheOtpauthUri) {
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32_encode("f"), "MY");
  const auto uri = otpauth_uri("ReskFlow", "a@b.co", "foobar");
  EXPECT_EQ(uri,
            "otpauth://totp/ReskFlow:a%40b.co?secret=MZXW6YTBOI&issuer=ReskFlow&"
            "algorithm=SHA1&digits=6&period=30");
}

TEST(PasswordTest, Argon2idVerifiesOnlyTheRightPassword) {
  const PasswordHasher hasher({1, 64});
  const auto hash = hasher.hash("correct horse battery staple");
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(hasher.verify(*hash, "correct horse battery staple"));
  EXPECT_FALSE(hasher.verify(*hash, "correct horse battery stapler"));
  EXPECT_FALSE(hasher.verify("", "x"));
  EXPECT_FALSE(hasher.verify("!erased", "x"));
  EXPECT_TRUE(PasswordHasher(owasp_argon2_cost).needs_rehash(*hash));
}

TEST(PasswordTest, PolicyChecksLengthAndTheShippedList) {
  const PasswordPolicy policy(shipped_common_passwords());
  EXPECT_GE(policy.common_count(), 10'000U);
  EXPECT_NE(policy.check("short"), "");
  EXPECT_NE(policy.check(std::string(129, 'a')), "");
  EXPECT_EQ(policy.check(std::string(128, 'a')), "");
  EXPECT_NE(policy.check("1qaz2wsx3edc"), "");
  EXPECT_NE(policy.check("1QAZ2WSX3EDC"), "");
  EXPECT_EQ(policy.check("plum tractor midnight"), "");
  // Twelve characters, not twelve bytes: a passphrase in another script counts the same.
  EXPECT_EQ(policy.check("ключ-от-дома"), "");
}

class JwtTest : public ::testing::Test {
 protected:
  JwtCodec codec{"current-secret-current-secret-0123",
                 {"old-secret-old-secret-old-secret-01"},
                 "reskflow",
                 "reskflow-api"};
  std::int64_t now = 1'700'000'000;
  std::string token = codec.sign({{"sub", "u1"}}, now, 900);

  static std::string segment(const boost::json::object& o) {
    return base64url_encode(boost::json::serialize(o));
  }
};

TEST_F(JwtTest, AcceptsAFreshTokenAndRejectsAnExpiredOne) {
  auto claims = codec.verify(token, now + 10);
  ASSERT_TRUE(claims) << claims.error().detail;
  EXPECT_EQ(claims->at("sub").as_string(), "u1");
  EXPECT_FALSE(codec.verify(token, now + 900));
  EXPECT_FALSE(codec.verify(token, now - 3600));  // iat in the future
}

TEST_F(JwtTest, RejectsTheWrongAudienceAndIssuer) {
  EXPECT_FALSE(codec.verify_for(token, "reskflow-mfa", now));
  const JwtCodec other("current-secret-current-secret-0123", {}, "someone-else", "reskflow-api");
  EXPECT_FALSE(other.verify(token, now));
  const auto mfa = codec.sign_for({{"sub", "u1"}}, "reskflow-mfa", now, 300);
  EXPECT_FALSE(codec.verify(mfa, now));
  EXPECT_TRUE(codec.verify_for(mfa, "reskflow-mfa", now));
}

TEST_F(JwtTest, RejectsAlgNoneAndAlgorithmSwitching) {
  const auto payload = token.substr(token.find('.') + 1, token.rfind('.') - token.find('.') - 1);
  const auto none = segment({{"alg", "none"}, {"typ", "JWT"}, {"kid", codec.current_kid()}}) + "." +
                    payload + ".";
  EXPECT_FALSE(codec.verify(none, now));
  const auto hs512 =
      segment({{"alg", "HS512"}, {"typ", "JWT"}, {"kid", codec.current_kid()}}) + "." + payload;
  EXPECT_FALSE(codec.verify(hs512 + "." + token.substr(token.rfind('.') + 1), now));
  const auto no_alg = segment({{"typ", "JWT"}, {"kid", codec.current_kid()}}) + "." + payload;
  EXPECT_FALSE(codec.verify(no_alg + "." + token.substr(token.rfind('.') + 1), now));
}

TEST_F(JwtTest, RejectsATamperedSignatureOrPayload) {
  auto tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(codec.verify(tampered, now));
  const auto header = token.substr(0, token.find('.'));
  const auto forged_claims = segment({{"sub", "admin"},
                                      {"iss", "reskflow"},
                                      {"aud", "reskflow-api"},
                                      {"iat", now},
                                      {"exp", now + 900}});
  EXPECT_FALSE(codec.verify(header + "." + forged_claims + token.substr(token.rfind('.')), now));
  EXPECT_FALSE(codec.verify("a.b", now));
  EXPECT_FALSE(codec.verify("", now));
}

TEST_F(JwtTest, AcceptsPreviousKeysAndRejectsUnknownKids) {
  const JwtCodec old("old-secret-old-secret-old-secret-01", {}, "reskflow", "reskflow-api");
  const auto old_token = old.sign({{"sub", "u1"}}, now, 900);
  EXPECT_TRUE(codec.verify(old_token, now));  // signed before the rotation
  const JwtCodec stranger("another-secret-another-secret-0123", {}, "reskflow", "reskflow-api");
  const auto foreign = stranger.sign({{"sub", "u1"}}, now, 900);
  const auto verdict = codec.verify(foreign, now);
  ASSERT_FALSE(verdict);
  EXPECT_EQ(verdict.error().detail, "unknown kid");
  EXPECT_NE(codec.current_kid(), JwtCodec::kid_of("old-secret-old-secret-old-secret-01"));
}

TEST_F(JwtTest, RejectsATokenNotYetValid) {
  const auto later = codec.sign({{"sub", "u1"}}, now + 3600, 900);
  EXPECT_FALSE(codec.verify(later, now));
}

TEST(FieldCipherTest, RoundTripsAndBindsTheColumn) {
  const FieldCipher cipher({{"k1", std::string(32, 'x')}});
  const auto c = cipher.encrypt("+44 20 7946 0958", "phone");
  EXPECT_TRUE(c.starts_with("v1.k1."));
  EXPECT_EQ(cipher.decrypt(c, "phone").value_or(""), "+44 20 7946 0958");
  EXPECT_FALSE(cipher.decrypt(c, "address"));
  EXPECT_NE(cipher.encrypt("same", "phone"), cipher.encrypt("same", "phone"));
  auto tampered = c;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(cipher.decrypt(tampered, "phone"));
  EXPECT_EQ(cipher.encrypt("", "phone").size() > 6, true);
  EXPECT_EQ(cipher.decrypt(cipher.encrypt("", "phone"), "phone").value_or("x"), "");
}

TEST(FieldCipherTest, DecryptsOldKeysAfterRotationAndEncryptsWithTheNewOne) {
  const FieldCipher before({{"k1", std::string(32, 'x')}});
  const auto old = before.encrypt("221B Baker Street", "address");
  const FieldCipher after({{"k2", std::string(32, 'y')}, {"k1", std::string(32, 'x')}});
  EXPECT_EQ(after.decrypt(old, "address").value_or(""), "221B Baker Street");
  EXPECT_EQ(FieldCipher::kid_of(after.encrypt("x", "address")), "k2");
  const FieldCipher forgot({{"k2", std::string(32, 'y')}});
  EXPECT_FALSE(forgot.decrypt(old, "address"));
}

TEST(FieldCipherTest, ParsesKeyListsAndRefusesBadOnes) {
  const auto key = base64url_encode(std::string(32, 'k'));
  auto keys = parse_data_keys("new:" + key + ",old:" + key);
  ASSERT_TRUE(keys);
  EXPECT_EQ(keys->size(), 2U);
  EXPECT_EQ(keys->front().kid, "new");
  EXPECT_FALSE(parse_data_keys("nokey"));
  EXPECT_FALSE(parse_data_keys("k:" + base64url_encode("short")));
  EXPECT_FALSE(parse_data_keys(""));
}

TEST(CryptoTest, Base64UrlRoundTripsAndRejectsPaddingAndJunk) {
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64url_decode("-_8").value_or(""), "\xfb\xff");
  EXPECT_FALSE(base64url_decode("-_8="));
  EXPECT_FALSE(base64url_decode("a+b/"));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

}  // namespace
}  // namespace reskflow::identity
