// The in-memory Directory: identity's membership and staff rules over maps.
#include "fake_directory.h"

#include <boost/json.hpp>

#include "reskflow/core/json_text.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/payload.h"

namespace reskflow::identity::testing {

void FakeDirectory::add_user(const std::string& user_id, std::string_view role, bool active) {
  std::lock_guard lock(mutex_);
  auto& user = users_[user_id];
  user.role = std::string(role);
  user.active = active;
}

void FakeDirectory::set_contact(const std::string& user_id, Contact contact) {
  std::lock_guard lock(mutex_);
  users_[user_id].contact = std::move(contact);
}

void FakeDirectory::verify_age(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  adults_.insert(user_id);
}

std::vector<AuditRecord> FakeDirectory::audit_records() const {
  std::lock_guard lock(mutex_);
  return audit_;
}

std::optional<MerchantLevel> FakeDirectory::level_locked(std::string_view merchant_id,
                                                         std::string_view user_id) const {
  const auto user = users_.find(user_id);
  if (user == users_.end() || !user->second.active) return std::nullopt;
  const auto it = members_.find({std::string(merchant_id), std::string(user_id)});
  if (it == members_.end()) return std::nullopt;
  return it->second;
}

Result<std::optional<MerchantLevel>> FakeDirectory::merchant_level(std::string_view merchant_id,
                                                                   std::string_view user_id) {
  std::lock_guard lock(mutex_);
  return level_locked(merchant_id, user_id);
}

Status FakeDirectory::require_merchant_staff(const http::Principal& caller,
                                             std::string_view merchant_id, MerchantLevel min) {
  if (caller.role == role_admin) return {};
  std::lock_guard lock(mutex_);
  const auto level =
      caller.role == role_merchant ? level_locked(merchant_id, caller.subject) : std::nullopt;
  if (!level || *level < min) return fail(ErrorCode::not_found, "no such merchant");
  return {};
}

Status FakeDirectory::put_merchant_member(store::Transaction& /*tx*/, std::string_view merchant_id,
                                          std::string_view user_id, MerchantLevel level) {
  std::lock_guard lock(mutex_);
  return put_locked(merchant_id, user_id, level);
}

Status FakeDirectory::add_member(std::string_view merchant_id, std::string_view user_id,
                                 MerchantLevel level) {
  std::lock_guard lock(mutex_);
  return put_locked(merchant_id, user_id, level);
}

Status FakeDirectory::put_locked(std::string_view merchant_id, std::string_view user_id,
                                 MerchantLevel level) {
  const auto user = users_.find(user_id);
  if (user == users_.end() || !user->second.active)
    return fail(ErrorCode::not_found, "no such user");
  if (user->second.role != role_merchant)
    return fail(ErrorCode::validation_failed, "only merchant accounts can be merchant staff",
                {{"user_id", "is not a merchant account"}});
  members_[{std::string(merchant_id), std::string(user_id)}] = level;
  return {};
}

Result<std::vector<MerchantMember>> FakeDirectory::merchants_of(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  std::vector<MerchantMember> out;
  for (const auto& [key, level] : members_) {
    if (key.second == user_id) out.push_back({key.first, key.second, level, 0});
  }
  return out;  // ordered by merchant id, as identity lists them
}

Result<bool> FakeDirectory::age_verified(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  return adults_.contains(user_id);
}

Result<std::optional<Contact>> FakeDirectory::contact(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  const auto it = users_.find(user_id);
  if (it == users_.end() || !it->second.active) return std::optional<Contact>();
  return it->second.contact;
}

std::string FakeDirectory::sealed_mail(const std::string& user_id, const Mail& mail) {
  const boost::json::object message{
      {"to", mail.to}, {"subject", mail.subject}, {"body", mail.body}};
  return modules::payload::to_payload(events::EmailRequested{user_id, json::serialize(message)});
}

Result<Mail> FakeDirectory::open_mail(std::string_view payload_json) {
  auto payload =
      modules::payload::from_payload<events::EmailRequested>(events::email_requested, payload_json);
  if (!payload) return fail(ErrorCode::validation_failed, "not an identity mail event");
  boost::system::error_code ec;
  const auto message = boost::json::parse(payload->message_enc, ec);
  if (ec || !message.is_object()) return fail(ErrorCode::internal, "a mail event is corrupt");
  const auto text = [&](std::string_view key) {
    const auto* v = message.as_object().if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  return Mail{text("to"), text("subject"), text("body")};
}

Status FakeDirectory::append_audit(store::Transaction& /*tx*/, const http::Request& request,
                                   const AuditRecord& record) {
  if (!request.principal) return fail(ErrorCode::unauthenticated, "no caller to audit");
  std::lock_guard lock(mutex_);
  audit_.push_back(record);
  return {};
}

}  // namespace reskflow::identity::testing
