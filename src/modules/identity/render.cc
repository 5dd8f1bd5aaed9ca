// JSON documents of identity's typed results. Times are ISO 8601 UTC; absent optional values
// are null.
#include "render.h"

#include <boost/json.hpp>

#include "reskflow/modules/utc_time.h"

namespace reskflow::identity {
namespace {

boost::json::value text_or_null(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::value time_or_null(const std::optional<std::int64_t>& us) {
  return us ? boost::json::value(modules::iso_utc(*us)) : boost::json::value(nullptr);
}

template <class T, class Render>
boost::json::array each(const std::vector<T>& items, Render render) {
  boost::json::array out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(render(item));
  return out;
}

}  // namespace

boost::json::object profile_document(const Profile& p) {
  return {{"id", p.id},
          {"email", p.email},
          {"name", p.name},
          {"role", p.role},
          {"status", p.status},
          {"email_verified", p.email_verified},
          {"age_verified", p.age_verified},
          {"mfa_enabled", p.mfa_enabled},
          {"created_at", modules::iso_utc(p.created_at_us)},
          {"phone", text_or_null(p.phone)},
          {"address", text_or_null(p.address)}};
}

boost::json::array session_documents(const std::vector<SessionView>& sessions) {
  return each(sessions, [](const SessionView& s) {
    return boost::json::object{{"id", s.id},
                               {"created_at", modules::iso_utc(s.created_at_us)},
                               {"last_used_at", modules::iso_utc(s.last_used_at_us)},
                               {"expires_at", modules::iso_utc(s.expires_at_us)},
                               {"ip", s.ip},
                               {"user_agent", s.user_agent},
                               {"mfa", s.mfa},
                               {"current", s.current}};
  });
}

boost::json::object enrolment_document(const TotpEnrolment& e) {
  return {{"secret", e.secret}, {"otpauth_uri", e.otpauth_uri}};
}

boost::json::object created_user_document(const CreatedUser& user) {
  return {{"id", user.id}, {"role", user.role}};
}

boost::json::array user_documents(const std::vector<UserSummary>& users) {
  return each(users, [](const UserSummary& u) {
    return boost::json::object{{"id", u.id},
                               {"email", u.email},
                               {"name", u.name},
                               {"role", u.role},
                               {"status", u.status},
                               {"created_at", modules::iso_utc(u.created_at_us)},
                               {"email_verified", u.email_verified},
                               {"age_verified", u.age_verified}};
  });
}

boost::json::object new_api_key_document(const NewApiKey& key) {
  return {{"id", key.id},
          {"name", key.name},
          {"key", key.key},
          {"scopes", boost::json::value_from(key.scopes)}};
}

boost::json::array api_key_documents(const std::vector<ApiKeyView>& keys) {
  return each(keys, [](const ApiKeyView& k) {
    return boost::json::object{{"id", k.id},
                               {"name", k.name},
                               {"scopes", k.scopes},
                               {"created_by", k.created_by},
                               {"created_at", modules::iso_utc(k.created_at_us)},
                               {"partner_user_id", text_or_null(k.partner_user_id)},
                               {"revoked_at", time_or_null(k.revoked_at_us)},
                               {"last_used_at", time_or_null(k.last_used_at_us)}};
  });
}

boost::json::array audit_documents(const std::vector<AuditView>& rows) {
  return each(rows, [](const AuditView& a) {
    boost::system::error_code ec;
    auto detail = boost::json::parse(a.detail_json, ec);
    boost::json::object entry{{"id", a.id},
                              {"at", modules::iso_utc(a.at_us)},
                              {"actor_id", a.actor_id},
                              {"actor_role", a.actor_role},
                              {"action", a.action},
                              {"target_type", a.target_type},
                              {"target_id", a.target_id},
                              {"outcome", a.outcome},
                              {"ip", a.ip},
                              {"request_id", a.request_id},
                              {"detail", ec ? boost::json::value() : std::move(detail)}};
    if (!a.actor_name.empty()) entry["actor_name"] = a.actor_name;
    if (!a.actor_email.empty()) entry["actor_email"] = a.actor_email;
    if (!a.target_name.empty()) entry["target_name"] = a.target_name;
    return entry;
  });
}

boost::json::array member_documents(const std::vector<MemberView>& members) {
  return each(members, [](const MemberView& m) {
    return boost::json::object{{"user_id", m.user_id},
                               {"level", level_name(m.level)},
                               {"created_at", modules::iso_utc(m.created_at_us)},
                               {"name", m.name}};
  });
}

boost::json::array membership_documents(const std::vector<MerchantMember>& memberships) {
  return each(memberships, [](const MerchantMember& m) {
    return boost::json::object{{"merchant_id", m.merchant_id}, {"level", level_name(m.level)}};
  });
}

boost::json::object invitation_document(const Invitation& i) {
  return {{"id", i.id},
          {"merchant_id", i.merchant_id},
          {"email", i.email},
          {"level", level_name(i.level)},
          {"invited_by", i.invited_by},
          {"status", i.status},
          {"created_at", modules::iso_utc(i.created_at_us)},
          {"expires_at", modules::iso_utc(i.expires_at_us)}};
}

boost::json::array invitation_documents(const std::vector<Invitation>& invitations) {
  return each(invitations, invitation_document);
}

boost::json::object offer_document(const OwnershipOffer& offer) {
  return {{"merchant_id", offer.merchant_id},
          {"from_user_id", offer.from_user_id},
          {"to_user_id", offer.to_user_id},
          {"created_at", modules::iso_utc(offer.created_at_us)},
          {"expires_at", modules::iso_utc(offer.expires_at_us)}};
}

boost::json::object submission_document(const IdVerificationView& v) {
  return {{"id", v.id}, {"status", v.status}, {"document_type", v.document_type}};
}

boost::json::object id_verification_document(const IdVerificationView& v) {
  boost::json::object out{{"id", v.id},
                          {"user_id", v.user_id},
                          {"document_type", v.document_type},
                          {"status", v.status},
                          {"submitted_at", modules::iso_utc(v.submitted_at_us)},
                          {"reason", text_or_null(v.reason)},
                          {"decided_at", time_or_null(v.decided_at_us)}};
  if (v.document_number) out["document_number"] = *v.document_number;
  if (v.date_of_birth) out["date_of_birth"] = *v.date_of_birth;
  return out;
}

boost::json::array id_queue_documents(const std::vector<IdQueueEntry>& entries) {
  return each(entries, [](const IdQueueEntry& e) {
    return boost::json::object{{"id", e.id},
                               {"user_id", e.user_id},
                               {"document_type", e.document_type},
                               {"status", e.status},
                               {"date_of_birth", e.date_of_birth},
                               {"image_ref", e.image_ref},
                               {"submitted_at", modules::iso_utc(e.submitted_at_us)}};
  });
}

boost::json::object export_document(const DataExport& data) {
  return {{"profile", profile_document(data.profile)},
          {"sessions", each(data.sessions,
                            [](const ExportedSession& s) {
                              return boost::json::object{
                                  {"id", s.id},
                                  {"created_at", modules::iso_utc(s.created_at_us)},
                                  {"last_used_at", modules::iso_utc(s.last_used_at_us)},
                                  {"revoked", s.revoked},
                                  {"ip", s.ip},
                                  {"user_agent", s.user_agent}};
                            })},
          {"id_verifications", each(data.id_verifications,
                                    [](const ExportedDocument& d) {
                                      return boost::json::object{
                                          {"id", d.id},
                                          {"document_type", d.document_type},
                                          {"document_number", d.document_number},
                                          {"date_of_birth", d.date_of_birth},
                                          {"image_ref", d.image_ref},
                                          {"status", d.status},
                                          {"submitted_at", modules::iso_utc(d.submitted_at_us)}};
                                    })},
          {"security_events", each(data.security_events,
                                   [](const SecurityEvent& e) {
                                     return boost::json::object{{"at", modules::iso_utc(e.at_us)},
                                                                {"action", e.action},
                                                                {"outcome", e.outcome},
                                                                {"ip", e.ip}};
                                   })},
          {"merchant_memberships", membership_documents(data.merchant_memberships)}};
}

}  // namespace reskflow::identity
