// Personal data: GDPR export and erasure (anonymisation that keeps the account id, which
// ledger entries will reference), the ID verification workflow, and data-key rotation.
#include <boost/json.hpp>

#include <chrono>

#include "reskflow/bus/outbox.h"
#include "reskflow/core/json_text.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/store/uuid.h"
#include "service.h"
#include "service_util.h"

namespace reskflow::identity {
namespace {

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  y = std::stoi(std::string(text.substr(0, 4)));
  m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(m),
                                         std::chrono::day(d)};
  if (!date.ok()) return std::nullopt;
  return date;
}

bool adult_at(const std::chrono::year_month_day& birth, std::int64_t now_us) {
  const std::chrono::sys_days today{std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::microseconds>(std::chrono::microseconds(now_us)))};
  const std::chrono::year_month_day t{today};
  auto eighteenth = birth + std::chrono::years(18);
  if (!eighteenth.ok()) eighteenth = eighteenth.year() / eighteenth.month() / std::chrono::last;
  return std::chrono::sys_days(eighteenth) <= std::chrono::sys_days(t);
}

struct EncryptedColumn {
  std::string_view table, key, column, aad;
};
constexpr EncryptedColumn encrypted_columns[] = {
    {"identity_users", "id", "email_enc", "email"},
    {"identity_users", "id", "phone_enc", "phone"},
    {"identity_users", "id", "address_enc", "address"},
    {"identity_mfa", "user_id", "secret_enc", "mfa_secret"},
    {"identity_id_verifications", "id", "number_enc", "document_number"},
};

}  // namespace

Result<boost::json::object> Service::export_data(const Actor& caller, const Origin& origin) {
  RF_TRY(me, profile(caller.id));
  auto out = boost::json::object{{"profile", std::move(*me)}};
  RF_TRY(extra, db_.read([&](store::Transaction& tx) -> Result<boost::json::object> {
    boost::json::object more;
    RF_TRY(s, tx.query("SELECT id, created_at_us, last_used_at_us, revoked_at_us, ip, "
                       "user_agent FROM identity_sessions WHERE user_id = $1",
                       {caller.id}));
    boost::json::array sessions;
    for (const auto r : *s) {
      sessions.push_back({{"id", r.text(0)},
                          {"created_at", modules::iso_utc(r.int64(1))},
                          {"last_used_at", modules::iso_utc(r.int64(2))},
                          {"revoked", !r.is_null(3)},
                          {"ip", r.text(4)},
                          {"user_agent", r.text(5)}});
    }
    more["sessions"] = std::move(sessions);
    RF_TRY(v, tx.query("SELECT id, document_type, number_enc, date_of_birth, image_ref, "
                       "status, submitted_at_us FROM identity_id_verifications WHERE "
                       "user_id = $1",
                       {caller.id}));
    boost::json::array docs;
    for (const auto r : *v) {
      docs.push_back({{"id", r.text(0)},
                      {"document_type", r.text(1)},
                      {"document_number", decrypt_or_empty(r.optional_text(2), "document_number")},
                      {"date_of_birth", text_or(r, 3)},
                      {"image_ref", text_or(r, 4)},
                      {"status", r.text(5)},
                      {"submitted_at", modules::iso_utc(r.int64(6))}});
    }
    more["id_verifications"] = std::move(docs);
    RF_TRY(a, tx.query("SELECT at_us, action, outcome, ip FROM identity_audit_log WHERE "
                       "actor_id = $1 OR target_id = $1 ORDER BY id DESC LIMIT 1000",
                       {caller.id}));
    boost::json::array events;
    for (const auto r : *a) {
      events.push_back({{"at", modules::iso_utc(r.int64(0))},
                        {"action", r.text(1)},
                        {"outcome", r.text(2)},
                        {"ip", r.text(3)}});
    }
    more["security_events"] = std::move(events);
    return more;
  }));
  for (auto& [k, v] : *extra) out[k] = std::move(v);
  RF_TRY(members, merchants_of(caller.id));
  boost::json::array memberships;
  for (const auto& m : *members)
    memberships.push_back({{"merchant_id", m.merchant_id}, {"level", level_name(m.level)}});
  out["merchant_memberships"] = std::move(memberships);
  auto logged = db_.write([&](store::Transaction& tx) {
    return append_audit(tx, caller, origin, {"gdpr.exported", "user", caller.id});
  });
  if (!logged) return std::unexpected(logged.error());
  return out;
}

Status Service::erase(const Actor& caller, std::string_view password, const Origin& origin) {
  RF_TRY(stored, db_.read([&](store::Transaction& tx) -> Result<std::string> {
    RF_TRY(rows, tx.query("SELECT password_hash FROM identity_users WHERE id = $1", {caller.id}));
    if (rows->empty()) return fail(ErrorCode::not_found, "no such user");
    return rows->front().text(0);
  }));
  if (!hasher_.verify(*stored, password))
    return fail(ErrorCode::validation_failed, "the password is wrong", {{"password", "is wrong"}});
  return db_.write([&](store::Transaction& tx) -> Status {
    const auto& id = caller.id;
    RF_TRY(owned, tx.query("SELECT m.merchant_id FROM identity_merchant_members m WHERE "
                           "m.user_id = $1 AND m.level = 'owner' AND NOT EXISTS (SELECT 1 FROM "
                           "identity_merchant_members o WHERE o.merchant_id = m.merchant_id "
                           "AND o.level = 'owner' AND o.user_id <> $1)",
                           {id}));
    if (!owned->empty())
      return fail(ErrorCode::conflict, "you are the only owner of store " + owned->front().text(0) +
                                           ": transfer its ownership before erasing your account");
    RF_TRY(u, tx.exec("UPDATE identity_users SET email_hash = $1, email_enc = $2, name = "
                      "'Erased user', phone_enc = NULL, address_enc = NULL, password_hash "
                      "= '!erased', status = 'erased', updated_at_us = $3 WHERE id = $4",
                      {"erased:" + id, cipher_.encrypt("erased-" + id + "@invalid", "email"),
                       clock_(), id}));
    constexpr std::string_view clear_document =
        "UPDATE identity_id_verifications SET number_enc = NULL, date_of_birth = NULL, "
        "image_ref = NULL WHERE user_id = $1";
    for (std::string_view sql :
         {std::string_view("DELETE FROM identity_mfa WHERE user_id = $1"),
          std::string_view("DELETE FROM identity_recovery_codes WHERE user_id = $1"),
          std::string_view("DELETE FROM identity_one_time_tokens WHERE user_id = $1"),
          std::string_view("DELETE FROM identity_merchant_members WHERE user_id = $1"),
          std::string_view("DELETE FROM identity_ownership_transfers WHERE from_user_id = $1 "
                           "OR to_user_id = $1"),
          clear_document,
          std::string_view(
              "UPDATE identity_sessions SET ip = '', user_agent = '' WHERE user_id = $1")}) {
      RF_TRY(step, tx.exec(sql, {id}));
    }
    RF_TRY(r, revoke_sessions(tx, id, "", "erased"));
    // Mail not yet sent (or kept for retention) carries the address: it goes too.
    RF_TRY(mail, bus::erase_events(tx, event_email_requested, id));
    const boost::json::object payload{{"user_id", id}};
    RF_TRY(event, bus::publish(tx, {std::string(event_user_erased), id, json::serialize(payload)}));
    return append_audit(tx, caller, origin, {"gdpr.erased", "user", id});
  });
}

Result<boost::json::object> Service::submit_id_document(const Actor& caller, std::string_view type,
                                                        std::string_view number,
                                                        std::string_view date_of_birth,
                                                        std::string_view image_ref,
                                                        const Origin& origin) {
  if (!parse_date(date_of_birth))
    return fail(ErrorCode::validation_failed, "invalid date of birth",
                {{"date_of_birth", "must be a date YYYY-MM-DD"}});
  const auto id = store::new_uuid_v7();
  return db_.write([&](store::Transaction& tx) -> Result<boost::json::object> {
    RF_TRY(open, tx.query("SELECT 1 FROM identity_id_verifications WHERE user_id = $1 AND "
                          "status = 'submitted'",
                          {caller.id}));
    if (!open->empty()) return fail(ErrorCode::conflict, "a document is already waiting");
    RF_TRY(i, tx.exec("INSERT INTO identity_id_verifications (id, user_id, document_type, "
                      "number_enc, date_of_birth, image_ref, status, submitted_at_us) "
                      "VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7)",
                      {id, caller.id, std::string(type), cipher_.encrypt(number, "document_number"),
                       std::string(date_of_birth), std::string(image_ref), clock_()}));
    RF_TRY(a, append_audit(tx, caller, origin, {"id.submitted", "id_verification", id}));
    return boost::json::object{{"id", id}, {"status", "submitted"}, {"document_type", type}};
  });
}

Result<boost::json::object> Service::id_verification(const Actor& caller, std::string_view id) {
  return db_.read([&](store::Transaction& tx) -> Result<boost::json::object> {
    RF_TRY(rows, tx.query("SELECT id, user_id, document_type, status, reason, "
                          "submitted_at_us, decided_at_us, number_enc, date_of_birth FROM "
                          "identity_id_verifications WHERE id = $1 AND (user_id = $2 OR "
                          "$3 = 'admin')",
                          {std::string(id), caller.id, caller.role}));
    if (rows->empty()) return fail(ErrorCode::not_found, "no such ID verification");
    const auto r = rows->front();
    boost::json::object out{{"id", r.text(0)},
                            {"user_id", r.text(1)},
                            {"document_type", r.text(2)},
                            {"status", r.text(3)},
                            {"submitted_at", modules::iso_utc(r.int64(5))}};
    out["reason"] = r.is_null(4) ? boost::json::value() : boost::json::value(r.text(4));
    out["decided_at"] = time_or_null(r, 6);
    if (caller.role == role_admin) {
      out["document_number"] = decrypt_or_empty(r.optional_text(7), "document_number");
      out["date_of_birth"] = text_or(r, 8);
    }
    return out;
  });
}

Result<boost::json::array> Service::id_queue(std::string_view status,
                                             const std::optional<std::string>& after,
                                             std::int64_t limit) {
  return db_.read([&](store::Transaction& tx) -> Result<boost::json::array> {
    RF_TRY(rows, tx.query("SELECT id, user_id, document_type, date_of_birth, image_ref, "
                          "submitted_at_us FROM identity_id_verifications WHERE status = "
                          "$1 AND id > $2 ORDER BY id LIMIT $3",
                          {std::string(status), after.value_or(""), limit + 1}));
    boost::json::array out;
    for (const auto r : *rows) {
      out.push_back({{"id", r.text(0)},
                     {"user_id", r.text(1)},
                     {"document_type", r.text(2)},
                     {"status", status},
                     {"date_of_birth", text_or(r, 3)},
                     {"image_ref", text_or(r, 4)},
                     {"submitted_at", modules::iso_utc(r.int64(5))}});
    }
    return out;
  });
}

Status Service::decide_id(const Actor& admin, std::string_view id, bool approve,
                          std::string_view reason, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(rows, tx.query("UPDATE identity_id_verifications SET status = $1, reason = $2, "
                          "decided_at_us = $3, decided_by = $4 WHERE id = $5 AND status = "
                          "'submitted' RETURNING user_id, date_of_birth",
                          {approve ? "approved" : "rejected", std::string(reason), clock_(),
                           admin.id, std::string(id)}));
    if (rows->empty()) return fail(ErrorCode::not_found, "no submitted ID verification");
    const auto user_id = rows->front().text(0);
    const auto birth = parse_date(text_or(rows->front(), 1));
    const bool adult = approve && birth && adult_at(*birth, clock_());
    if (approve) {
      RF_TRY(u, tx.exec("UPDATE identity_users SET age_verified = $1 WHERE id = $2",
                        {adult, user_id}));
    }
    return append_audit(tx, admin, origin,
                        {approve ? "id.approved" : "id.rejected",
                         "id_verification",
                         std::string(id),
                         "success",
                         {{"user_id", user_id}, {"adult", adult}}});
  });
}

Result<bool> Service::age_verified(std::string_view user_id) {
  return db_.read([&](store::Transaction& tx) -> Result<bool> {
    RF_TRY(rows, tx.query("SELECT age_verified FROM identity_users WHERE id = $1",
                          {std::string(user_id)}));
    return !rows->empty() && rows->front().boolean(0);
  });
}

Result<std::int64_t> Service::rotate_keys(std::int64_t batch_rows) {
  std::int64_t total = 0;
  const auto current = "v1." + cipher_.current_kid() + ".%";
  for (const auto& c : encrypted_columns) {
    for (;;) {
      RF_TRY(n, db_.write([&](store::Transaction& tx) -> Result<std::int64_t> {
        RF_TRY(rows,
               tx.query("SELECT " + std::string(c.key) + ", " + std::string(c.column) + " FROM " +
                            std::string(c.table) + " WHERE " + std::string(c.column) +
                            " IS NOT NULL AND " + std::string(c.column) + " NOT LIKE $1 LIMIT $2",
                        {current, batch_rows}));
        for (const auto r : *rows) {
          RF_TRY(plain, cipher_.decrypt(r.text(1), c.aad));
          RF_TRY(u, tx.exec("UPDATE " + std::string(c.table) + " SET " + std::string(c.column) +
                                " = $1 WHERE " + std::string(c.key) + " = $2",
                            {cipher_.encrypt(*plain, c.aad), r.text(0)}));
        }
        return static_cast<std::int64_t>(rows->size());
      }));
      total += *n;
      if (*n < batch_rows) break;
    }
  }
  return total;
}

}  // namespace reskflow::identity
