// GDPR export and erasure, and data-key rotation.
#include "service_privacy.h"

#include "repository_accounts.h"
#include "repository_audit.h"
#include "repository_id_images.h"
#include "repository_id_verification.h"
#include "repository_invitations.h"
#include "repository_keys.h"
#include "repository_members.h"
#include "repository_mfa.h"
#include "repository_sessions.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/payload.h"

namespace reskflow::identity {

Result<DataExport> PrivacyService::export_data(const Actor& caller, const Origin& origin) {
  DataExport out;
  RF_TRY(me, deps_.accounts.profile(caller.id));
  out.profile = std::move(*me);
  RF_TRY(read, ctx_.db().read([&](store::Transaction& tx) -> Status {
    RF_TRY(sessions, repository::all_sessions(tx, caller.id));
    RF_TRY(documents, repository::documents_of(tx, caller.id));
    RF_TRY(events, repository::security_events(tx, caller.id));
    out.sessions = std::move(*sessions);
    out.id_verifications = std::move(*documents);
    out.security_events = std::move(*events);
    return {};
  }));
  for (auto& d : out.id_verifications) {
    d.document_number = ctx_.decrypt_or_empty(d.document_number, column::document_number);
  }
  RF_TRY(memberships, deps_.members.merchants_of(caller.id));
  out.merchant_memberships = std::move(*memberships);
  RF_TRY(logged, ctx_.db().write([&](store::Transaction& tx) {
    return deps_.audit.append(tx, caller, origin, {"gdpr.exported", "user", caller.id});
  }));
  return out;
}

Status PrivacyService::erase(const Actor& caller, std::string_view password, const Origin& origin) {
  RF_TRY(stored, ctx_.db().read([&](store::Transaction& tx) {
    return repository::password_hash(tx, caller.id);
  }));
  if (!*stored) return fail(ErrorCode::not_found, "no such user");
  if (!ctx_.hasher().verify(**stored, password))
    return fail(ErrorCode::validation_failed, "the password is wrong", {{"password", "is wrong"}});
  RF_TRY(images,
         ctx_.db().write([&](store::Transaction& tx) { return erase_in(tx, caller, origin); }));
  deps_.id_images.remove_files(*images);
  return {};
}

Result<std::vector<std::string>> PrivacyService::erase_in(store::Transaction& tx,
                                                          const Actor& caller,
                                                          const Origin& origin) {
  const auto& id = caller.id;
  RF_TRY(owned, repository::sole_owned_merchant(tx, id));
  if (*owned)
    return fail(ErrorCode::conflict, "you are the only owner of store " + **owned +
                                         ": transfer its ownership before erasing your account");
  // Invitations to the address go before the address's index is replaced.
  RF_TRY(invitations, repository::delete_invitations_to(tx, id));
  RF_TRY(anonymised,
         repository::anonymise_user(
             tx, id, ctx_.encrypt("erased-" + id + "@invalid", column::email), ctx_.now_us()));
  RF_TRY(factors, repository::delete_second_factors(tx, id));
  RF_TRY(tokens, repository::delete_one_time_tokens(tx, id));
  RF_TRY(memberships, repository::delete_memberships(tx, id));
  RF_TRY(documents, repository::clear_documents(tx, id));
  RF_TRY(images, repository::delete_images_of(tx, id));
  RF_TRY(origins, repository::forget_session_origins(tx, id));
  RF_TRY(ended, deps_.sessions.revoke_all(tx, id, "", "erased"));
  // Mail not yet sent (or kept for retention) carries the address: it goes too.
  RF_TRY(mail, bus::erase_events(tx, events::email_requested, id));
  RF_TRY(event, bus::publish(tx, {std::string(events::user_erased), id,
                                  modules::payload::to_payload(events::UserErased{id})}));
  RF_TRY(logged, deps_.audit.append(tx, caller, origin, {"gdpr.erased", "user", id}));
  return std::move(*images);
}

Result<std::int64_t> PrivacyService::rotate_keys(std::int64_t batch_rows) {
  std::int64_t total = 0;
  const auto current = "v1." + ctx_.cipher().current_kid() + ".";
  for (const auto& c : repository::encrypted_columns()) {
    for (;;) {
      RF_TRY(n, ctx_.db().write([&](store::Transaction& tx) -> Result<std::int64_t> {
        RF_TRY(stale, repository::stale_ciphertexts(tx, c, current, batch_rows));
        for (const auto& value : *stale) {
          RF_TRY(plain, ctx_.cipher().decrypt(value.ciphertext, c.aad));
          RF_TRY(saved,
                 repository::replace_ciphertext(tx, c, value.key, ctx_.encrypt(*plain, c.aad)));
        }
        return static_cast<std::int64_t>(stale->size());
      }));
      total += *n;
      if (*n < batch_rows) break;
    }
  }
  RF_TRY(images, deps_.id_images.rotate_keys(batch_rows));
  return total + *images;
}

}  // namespace reskflow::identity
