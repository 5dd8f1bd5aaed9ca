// Service rules on both engines with an injected clock: lock-out arithmetic, refresh rotation
// and reuse detection, the sliding and absolute session limits, TOTP replay refusal, and key
// rotation of encrypted columns.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "crypto.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/store/migrations.h"
#include "service.h"
#include "totp.h"

namespace reskflow::identity {
namespace {

constexpr std::int64_t second_us = 1'000'000;

IdentitySettings test_settings() {
  IdentitySettings s;
  s.argon2 = {1, 64};
  s.jwt_secret = "test-secret-test-secret-test-secret!";
  s.data_keys = {{"k1", std::string(32, 'a')}};
  s.email_index_key = "email-index-key";
  s.session_cache_ms = 0;
  return s;
}

TEST(LockStateTest, BacksOffExponentiallyUpToTheCapAndForgets) {
  IdentitySettings s;
  s.lockout_threshold = 3;
  s.lockout_base_s = 1;
  s.lockout_max_s = 8;
  LockState st;
  std::int64_t now = 1000 * second_us;
  for (int i = 0; i < 2; ++i) st = next_lock_state(st, now, s);
  EXPECT_EQ(st.locked_until_us, 0);
  st = next_lock_state(st, now, s);
  EXPECT_EQ(st.locked_until_us, now + 1 * second_us);
  st = next_lock_state(st, now, s);
  EXPECT_EQ(st.locked_until_us, now + 2 * second_us);
  for (int i = 0; i < 40; ++i) st = next_lock_state(st, now, s);
  EXPECT_EQ(st.locked_until_us, now + 8 * second_us);  // never beyond the cap
  now += s.lockout_forget_s * second_us + 1;
  st = next_lock_state(st, now, s);
  EXPECT_EQ(st.failures, 1);
}

TEST(SettingsTest, RefusesTestOnlyCostsAndDevelopmentKeysInProduction) {
  Config config;
  const std::map<std::string, std::string> cheap{{"RESKFLOW_IDENTITY_ARGON2_OPS", "1"},
                                                 {"RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB", "64"}};
  auto dev = load_settings(config, cheap);
  ASSERT_TRUE(dev);
  EXPECT_EQ(dev->argon2.ops, 1U);
  EXPECT_EQ(dev->data_keys.front().kid, "dev");
  config.environment = Environment::production;
  auto production = load_settings(config, cheap);
  ASSERT_FALSE(production);
  std::string fields;
  for (const auto& f : production.error().fields) fields += f.field + " ";
  EXPECT_NE(fields.find("ARGON2"), std::string::npos);
  EXPECT_NE(fields.find("DATA_KEYS"), std::string::npos);
  EXPECT_NE(fields.find("EMAIL_INDEX_KEY"), std::string::npos);
  const std::map<std::string, std::string> typo{{"RESKFLOW_IDENTITY_ACESS_TTL_S", "60"}};
  EXPECT_FALSE(load_settings(Config{}, typo));
  const std::map<std::string, std::string> keys{
      {"RESKFLOW_IDENTITY_DATA_KEYS", "k9:" + base64url_encode(std::string(32, 'z'))},
      {"RESKFLOW_IDENTITY_EMAIL_INDEX_KEY", "index-key"}};
  auto configured = load_settings(config, keys);
  ASSERT_TRUE(configured) << configured.error().detail;
  EXPECT_EQ(configured->data_keys.front().kid, "k9");
}

class ServiceTest : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    clock.set(1'700'000'000 * second_us);
    const std::vector<store::MigrationSet> sets{bus::migrations(), migrations()};
    ASSERT_TRUE(store::migrate(db(), sets));
    service = std::make_unique<Services>(db(), test_settings(), clock.clock());
  }
  void release_modules() override { service.reset(); }
  TokenPair registered(std::string email = "ada@example.com") {
    auto pair = service->auth.register_account(
        {email, "plum tractor midnight", "Ada", "+441234567", "customer"}, origin);
    EXPECT_TRUE(pair) << (pair ? "" : pair.error().detail);
    return pair.value_or(TokenPair{});
  }
  // The id of a new account of this role.
  std::string registered_as(const std::string& email, const std::string& role) {
    auto made = service->admin.create_user(
        {"admin-1", "admin"}, {email, "plum tractor midnight", "N", std::nullopt, role}, origin);
    EXPECT_TRUE(made) << (made ? "" : made.error().detail);
    return made ? made->id : std::string();
  }
  void verify(const std::string& user_id) {
    ASSERT_TRUE(db().write([&](store::Transaction& tx) -> Status {
      RF_TRY(n, tx.exec("UPDATE identity_users SET email_verified_at_us = 1 WHERE id = $1",
                        {user_id}));
      return {};
    }));
  }
  Origin origin{"192.0.2.1", "test", "req-1"};
  std::unique_ptr<Services> service;
};

TEST_P(ServiceTest, RotatesRefreshTokensAndRevokesTheFamilyOnReuse) {
  const auto first = registered();
  clock.advance(std::chrono::microseconds(60 * second_us));
  auto second = service->sessions.refresh(first.refresh_token, origin);
  ASSERT_TRUE(second) << second.error().detail;
  EXPECT_NE(second->refresh_token, first.refresh_token);
  EXPECT_EQ(second->session_id, first.session_id);
  EXPECT_TRUE(service->sessions.authenticate_bearer(second->access_token));
  // The first token again: stolen. The whole family ends, the newest token too.
  EXPECT_FALSE(service->sessions.refresh(first.refresh_token, origin));
  EXPECT_FALSE(service->sessions.refresh(second->refresh_token, origin));
  EXPECT_FALSE(service->sessions.authenticate_bearer(second->access_token));
}

TEST_P(ServiceTest, EndsSessionsAfterThirtyIdleMinutesAndAtTheAbsoluteCap) {
  const auto pair = registered();
  clock.advance(std::chrono::microseconds(31 * 60 * second_us));
  EXPECT_FALSE(service->sessions.refresh(pair.refresh_token, origin));
  EXPECT_FALSE(service->sessions.authenticate_bearer(pair.access_token));
  auto settings = test_settings();
  settings.refresh_absolute_s = 3600;  // the cap, shortened so the test stays small
  Services capped(db(), settings, clock.clock());
  auto login = capped.auth.login("ADA@example.com ", "plum tractor midnight", origin);
  ASSERT_TRUE(login);
  auto token = std::get<TokenPair>(*login);
  for (int i = 0; i < 2; ++i) {
    clock.advance(std::chrono::microseconds(
        25 * 60 * second_us));  // active: inside the sliding window each time
    auto next = capped.sessions.refresh(token.refresh_token, origin);
    ASSERT_TRUE(next) << i;
    token = *next;
  }
  clock.advance(std::chrono::microseconds(
      25 * 60 * second_us));  // 75 minutes after login: past the absolute cap
  EXPECT_FALSE(capped.sessions.refresh(token.refresh_token, origin));
}

TEST_P(ServiceTest, LocksOneAddressAfterRepeatedFailuresButNotOthers) {
  registered();
  for (int i = 0; i < 5; ++i) {
    auto r = service->auth.login("ada@example.com", "wrong password here", origin);
    ASSERT_TRUE(r);
    ASSERT_TRUE(std::holds_alternative<LoginRefused>(*r));
  }
  auto locked = service->auth.login("ada@example.com", "plum tractor midnight", origin);
  ASSERT_TRUE(locked);
  ASSERT_TRUE(std::holds_alternative<LoginRefused>(*locked));
  EXPECT_GT(std::get<LoginRefused>(*locked).retry_after_s, 0);
  const Origin elsewhere{"198.51.100.7", "test", "req-2"};
  auto other = service->auth.login("ada@example.com", "plum tractor midnight", elsewhere);
  ASSERT_TRUE(other);
  EXPECT_TRUE(std::holds_alternative<TokenPair>(*other));
  clock.advance(std::chrono::microseconds(2 * second_us));
  auto later = service->auth.login("ada@example.com", "plum tractor midnight", origin);
  ASSERT_TRUE(later);
  EXPECT_TRUE(std::holds_alternative<TokenPair>(*later));
  auto unknown = service->auth.login("nobody@example.com", "plum tractor midnight", origin);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(std::get<LoginRefused>(*unknown).retry_after_s, 0);
}

TEST_P(ServiceTest, RequiresTheSecondFactorAndRefusesAReplayedCode) {
  const auto pair = registered();
  auto who = service->sessions.authenticate_bearer(pair.access_token);
  ASSERT_TRUE(who);
  auto enrol = service->mfa.enrol(who->principal.subject, origin);
  ASSERT_TRUE(enrol);
  const std::string uri(enrol->otpauth_uri);
  EXPECT_TRUE(uri.starts_with("otpauth://totp/ReskFlow:ada%40example.com?secret="));
  auto secret = db().read([&](store::Transaction& tx) -> Result<std::string> {
    auto rows = tx.query("SELECT secret_enc FROM identity_mfa");
    if (!rows) return std::unexpected(rows.error());
    return FieldCipher(test_settings().data_keys).decrypt(rows->front().text(0), "mfa_secret");
  });
  ASSERT_TRUE(secret);
  const auto code = [&] { return totp_code(*secret, clock.now_us() / second_us / 30); };
  auto codes = service->mfa.confirm(who->principal, code(), origin);
  ASSERT_TRUE(codes) << codes.error().detail;
  EXPECT_EQ(codes->size(), 10U);
  auto login = service->auth.login("ada@example.com", "plum tractor midnight", origin);
  ASSERT_TRUE(login);
  const auto challenge = std::get<MfaChallenge>(*login);
  EXPECT_FALSE(service->auth.complete_mfa(challenge.mfa_token, code(), origin));  // replay
  clock.advance(std::chrono::microseconds(30 * second_us));
  auto done = service->auth.complete_mfa(challenge.mfa_token, code(), origin);
  ASSERT_TRUE(done) << done.error().detail;
  EXPECT_TRUE(service->sessions.authenticate_bearer(std::get<TokenPair>(*done).access_token)->mfa);
  EXPECT_FALSE(service->auth.complete_mfa(challenge.mfa_token, codes->front(), origin));
  auto again = std::get<MfaChallenge>(
      *service->auth.login("ada@example.com", "plum tractor midnight", origin));
  EXPECT_TRUE(service->auth.complete_mfa(again.mfa_token, codes->front(), origin));
  auto third = std::get<MfaChallenge>(
      *service->auth.login("ada@example.com", "plum tractor midnight", origin));
  EXPECT_FALSE(service->auth.complete_mfa(third.mfa_token, codes->front(), origin));  // one use
}

TEST_P(ServiceTest, RotationReencryptsEveryColumnUnderTheNewKey) {
  registered();
  auto settings = test_settings();
  settings.data_keys = {{"k2", std::string(32, 'b')}, {"k1", std::string(32, 'a')}};
  Services rotated(db(), settings, clock.clock());
  auto n = rotated.privacy.rotate_keys(1);
  ASSERT_TRUE(n) << n.error().detail;
  EXPECT_EQ(*n, 2);  // email and phone
  EXPECT_EQ(*rotated.privacy.rotate_keys(10), 0);
  auto kids = db().read([](store::Transaction& tx) -> Result<std::string> {
    auto rows = tx.query("SELECT email_enc, phone_enc FROM identity_users");
    if (!rows) return std::unexpected(rows.error());
    return FieldCipher::kid_of(rows->front().text(0)) + FieldCipher::kid_of(rows->front().text(1));
  });
  EXPECT_EQ(kids.value_or(""), "k2k2");
  settings.data_keys = {{"k2", std::string(32, 'b')}};
  Services after(db(), settings, clock.clock());
  auto login = after.auth.login("ada@example.com", "plum tractor midnight", origin);
  ASSERT_TRUE(login);
  auto who = after.sessions.authenticate_bearer(std::get<TokenPair>(*login).access_token);
  ASSERT_TRUE(who);
  EXPECT_EQ(after.accounts.profile(who->principal.subject)->phone.value_or(""), "+441234567");
}

TEST_P(ServiceTest, LocksTheSecondFactorAfterRepeatedWrongCodes) {
  const auto pair = registered();
  auto who = service->sessions.authenticate_bearer(pair.access_token);
  ASSERT_TRUE(who);
  ASSERT_TRUE(service->mfa.enrol(who->principal.subject, origin));
  auto secret = db().read([&](store::Transaction& tx) -> Result<std::string> {
    auto rows = tx.query("SELECT secret_enc FROM identity_mfa");
    if (!rows) return std::unexpected(rows.error());
    return FieldCipher(test_settings().data_keys).decrypt(rows->front().text(0), "mfa_secret");
  });
  ASSERT_TRUE(secret);
  ASSERT_TRUE(service->mfa.confirm(who->principal,
                                   totp_code(*secret, clock.now_us() / second_us / 30), origin));
  auto login = service->auth.login("ada@example.com", "plum tractor midnight", origin);
  const auto challenge = std::get<MfaChallenge>(*login).mfa_token;
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(service->auth.complete_mfa(challenge, "000000", origin));
  const auto good = totp_code(*secret, clock.now_us() / second_us / 30 + 1);  // a fresh, valid code
  auto locked = service->auth.complete_mfa(challenge, good, origin);
  ASSERT_TRUE(locked);
  EXPECT_TRUE(std::holds_alternative<LoginRefused>(*locked));
  clock.advance(std::chrono::microseconds(2 * second_us));  // the first lock lasts lockout_base_s
  auto open = service->auth.complete_mfa(challenge, good, origin);
  ASSERT_TRUE(open) << open.error().detail;
  EXPECT_TRUE(std::holds_alternative<TokenPair>(*open));
}

TEST_P(ServiceTest, PublishesRegistrationMailAndErasureEvents) {
  const auto pair = registered();
  auto who = service->sessions.authenticate_bearer(pair.access_token);
  ASSERT_TRUE(who);
  ASSERT_TRUE(service->privacy.erase({who->principal.subject, "customer"}, "plum tractor midnight",
                                     origin));
  auto types = db().read([](store::Transaction& tx) -> Result<std::string> {
    auto rows = tx.query("SELECT type FROM outbox ORDER BY id");
    if (!rows) return std::unexpected(rows.error());
    std::string out;
    for (const auto r : *rows) out += r.text(0) + " ";
    return out;
  });
  // The verification mail went with the account: erasure reaches the outbox.
  EXPECT_EQ(types.value_or(""), "identity.user.registered identity.user.erased ");
  EXPECT_FALSE(service->sessions.authenticate_bearer(pair.access_token));
  auto me = service->accounts.profile(who->principal.subject);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, "erased");
  EXPECT_FALSE(me->phone);
}

TEST_P(ServiceTest, KeepsCodesAndAddressesOutOfTheOutboxInTheClear) {
  const auto who = service->sessions.authenticate_bearer(registered().access_token);
  ASSERT_TRUE(who);
  ASSERT_TRUE(service->accounts.request_password_reset("ada@example.com", origin));
  auto payloads = [&] {
    return db().read([](store::Transaction& tx) -> Result<std::vector<std::string>> {
      RF_TRY(rows, tx.query("SELECT subject || ' ' || payload FROM outbox WHERE type = "
                            "'identity.email.requested' ORDER BY id"));
      std::vector<std::string> out;
      for (const auto r : *rows) out.push_back(r.text(0));
      return out;
    });
  };
  auto rows = payloads();
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2U);  // verification and reset
  // The mail sender opens the message; the reset code in it works.
  const auto payload = rows->back().substr(rows->back().find(' ') + 1);
  auto mail = service->mail.open(payload);
  ASSERT_TRUE(mail) << mail.error().detail;
  EXPECT_EQ(mail->to, "ada@example.com");
  const std::string body(mail->body);
  const auto code = body.substr(body.rfind(' ') + 1);
  ASSERT_GE(code.size(), 16U);
  for (const auto& row : *rows) {
    EXPECT_EQ(row.find("ada@example.com"), std::string::npos) << row;
    EXPECT_EQ(row.find(code), std::string::npos) << row;
    EXPECT_EQ(row.find("Use this code"), std::string::npos) << row;
  }
  EXPECT_TRUE(service->accounts.confirm_password_reset(code, "a brand new passphrase", origin));
  ASSERT_TRUE(service->privacy.erase({who->principal.subject, "customer"}, "a brand new passphrase",
                                     origin));
  EXPECT_TRUE(payloads().value_or(std::vector<std::string>{"?"}).empty());
}

TEST_P(ServiceTest, WebSocketTicketsWorkOnceAndExpire) {
  const auto who = service->sessions.authenticate_bearer(registered().access_token);
  ASSERT_TRUE(who);
  auto ticket = service->sessions.issue_ws_ticket(who->principal);
  ASSERT_TRUE(ticket) << ticket.error().detail;
  EXPECT_EQ(ticket->expires_in_s, 30);
  auto redeemed = service->sessions.redeem_ws_ticket(ticket->ticket);
  ASSERT_TRUE(redeemed) << redeemed.error().detail;
  EXPECT_EQ(redeemed->principal.subject, who->principal.subject);
  EXPECT_EQ(redeemed->principal.session_id, who->principal.session_id);
  EXPECT_FALSE(service->sessions.redeem_ws_ticket(ticket->ticket));  // spent
  auto late = service->sessions.issue_ws_ticket(who->principal);
  ASSERT_TRUE(late);
  clock.advance(std::chrono::microseconds(31 * second_us));
  EXPECT_FALSE(service->sessions.redeem_ws_ticket(late->ticket));  // expired
  EXPECT_FALSE(service->sessions.redeem_ws_ticket("wst_never-issued"));
  EXPECT_FALSE(service->sessions.issue_ws_ticket({"key-id", "partner", {}, ""}));  // no session
}

TEST_P(ServiceTest, PrunesEndedSessionsAndForgottenFailuresButNotLiveOnes) {
  const auto old = registered();
  ASSERT_TRUE(service->auth.login("ada@example.com", "a wrong password", origin));
  clock.advance(std::chrono::microseconds(31LL * 86'400 * second_us));
  const auto live = registered("new@example.com");
  auto pruned = service->sessions.prune();
  ASSERT_TRUE(pruned) << pruned.error().detail;
  // The old session and its token, the failure row, the old verification token.
  EXPECT_EQ(*pruned, 4);
  EXPECT_FALSE(service->sessions.refresh(old.refresh_token, origin));
  EXPECT_TRUE(service->sessions.refresh(live.refresh_token, origin));
  EXPECT_EQ(*service->sessions.prune(), 0);
}

TEST_P(ServiceTest, InvitesByEmailOfferedOnlyToTheVerifiedAddressUntilRevokedOrExpired) {
  const Actor owner{registered_as("owner@example.com", "merchant"), "merchant"};
  const Actor clerk{registered_as("clerk@example.com", "merchant"), "merchant"};
  ASSERT_TRUE(db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(o, service->members.put_member(tx, "m1", owner.id, MerchantLevel::owner));
    return service->members.put_member(tx, "m1", clerk.id, MerchantLevel::staff);
  }));
  auto& invitations = service->invitations;
  // The answer is the same for an address with no account: nothing is looked up.
  auto invited = invitations.invite(owner, "m1", "New@Example.com", MerchantLevel::manager, origin);
  ASSERT_TRUE(invited) << invited.error().detail;
  EXPECT_EQ(invited->email, "new@example.com");
  EXPECT_EQ(invited->status, "pending");
  EXPECT_EQ(
      invitations.invite(owner, "m1", "x@example.com", MerchantLevel::owner, origin).error().code,
      ErrorCode::forbidden);
  EXPECT_EQ(
      invitations.invite(clerk, "m1", "x@example.com", MerchantLevel::staff, origin).error().code,
      ErrorCode::forbidden);
  EXPECT_EQ(
      invitations.invite(clerk, "m2", "x@example.com", MerchantLevel::staff, origin).error().code,
      ErrorCode::not_found);
  // The address registers later: offered once it is verified, and accepted once.
  const Actor newcomer{registered_as("new@example.com", "merchant"), "merchant"};
  EXPECT_TRUE(invitations.mine(newcomer.id)->empty());
  verify(newcomer.id);
  ASSERT_EQ(invitations.mine(newcomer.id)->size(), 1U);
  EXPECT_EQ(invitations.accept(clerk, invited->id, origin).error().code, ErrorCode::not_found);
  ASSERT_TRUE(invitations.accept(newcomer, invited->id, origin));
  EXPECT_EQ(service->members.merchant_level("m1", newcomer.id).value(), MerchantLevel::manager);
  EXPECT_FALSE(invitations.accept(newcomer, invited->id, origin));
  EXPECT_TRUE(invitations.mine(newcomer.id)->empty());
}

TEST_P(ServiceTest, InvitationsAreRevokedByHigherLevelsAndLapse) {
  const Actor owner{registered_as("owner@example.com", "merchant"), "merchant"};
  const Actor clerk{registered_as("clerk@example.com", "merchant"), "merchant"};
  const Actor guest{registered_as("guest@example.com", "merchant"), "merchant"};
  verify(guest.id);
  ASSERT_TRUE(db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(o, service->members.put_member(tx, "m1", owner.id, MerchantLevel::owner));
    return service->members.put_member(tx, "m1", clerk.id, MerchantLevel::staff);
  }));
  auto& invitations = service->invitations;
  auto first = invitations.invite(owner, "m1", "guest@example.com", MerchantLevel::staff, origin);
  ASSERT_TRUE(first);
  EXPECT_EQ(invitations.revoke(clerk, "m1", first->id, origin).error().code, ErrorCode::forbidden);
  ASSERT_TRUE(invitations.revoke(owner, "m1", first->id, origin));
  EXPECT_TRUE(invitations.mine(guest.id)->empty());
  EXPECT_TRUE(invitations.pending("m1")->empty());
  auto second = invitations.invite(owner, "m1", "guest@example.com", MerchantLevel::staff, origin);
  ASSERT_TRUE(second);
  ASSERT_EQ(invitations.pending("m1")->size(), 1U);
  clock.advance(std::chrono::microseconds(test_settings().invitation_ttl_s * second_us));
  EXPECT_TRUE(invitations.mine(guest.id)->empty());
  EXPECT_EQ(invitations.accept(guest, second->id, origin).error().code, ErrorCode::not_found);
  // Erasing the invited account takes the invitations to its address with it.
  ASSERT_TRUE(invitations.invite(owner, "m1", "guest@example.com", MerchantLevel::staff, origin));
  ASSERT_EQ(invitations.pending("m1")->size(), 1U);
  ASSERT_TRUE(service->privacy.erase(guest, "plum tractor midnight", origin));
  EXPECT_TRUE(invitations.pending("m1")->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, ServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::identity
