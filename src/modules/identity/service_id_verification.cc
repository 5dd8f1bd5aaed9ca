// ID verification: documents with their numbers encrypted, one waiting document per user, and
// the age rule applied on approval.
#include "service_id_verification.h"

#include <chrono>

#include "repository_accounts.h"
#include "repository_id_images.h"
#include "repository_id_verification.h"
#include "reskflow/store/uuid.h"

namespace reskflow::identity {
namespace {

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int y = std::stoi(std::string(text.substr(0, 4)));
  const auto m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  const auto d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(m),
                                         std::chrono::day(d)};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace

bool adult_at(std::string_view date_of_birth, std::int64_t now_us) {
  const auto birth = parse_date(date_of_birth);
  if (!birth) return false;
  const std::chrono::sys_days today{std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::microseconds>(std::chrono::microseconds(now_us)))};
  auto eighteenth = *birth + std::chrono::years(18);
  if (!eighteenth.ok()) eighteenth = eighteenth.year() / eighteenth.month() / std::chrono::last;
  return std::chrono::sys_days(eighteenth) <= today;
}

Result<IdVerificationView> IdVerificationService::submit(const Actor& caller,
                                                         const IdDocument& document,
                                                         const Origin& origin) {
  if (!parse_date(document.date_of_birth))
    return fail(ErrorCode::validation_failed, "invalid date of birth",
                {{"date_of_birth", "must be a date YYYY-MM-DD"}});
  const auto id = store::new_uuid_v7();
  const auto now = ctx_.now_us();
  return ctx_.db().write([&](store::Transaction& tx) -> Result<IdVerificationView> {
    RF_TRY(waiting, repository::has_waiting_document(tx, caller.id));
    if (*waiting) return fail(ErrorCode::conflict, "a document is already waiting");
    RF_TRY(owned, repository::image_owned_by(tx, document.image_ref, caller.id));
    if (!*owned)
      return fail(ErrorCode::validation_failed, "the image reference is not an image you uploaded",
                  {{"image_ref",
                    "must be the image_ref of your upload to "
                    "/v1/id-verifications/images"}});
    RF_TRY(saved,
           repository::insert_document(tx, {id, caller.id, document.type,
                                            ctx_.encrypt(document.number, column::document_number),
                                            document.date_of_birth, document.image_ref, now}));
    RF_TRY(a, audit_.append(tx, caller, origin, {"id.submitted", "id_verification", id}));
    return IdVerificationView{id, caller.id, document.type, "submitted", std::nullopt, now};
  });
}

Result<IdVerificationView> IdVerificationService::get(const Actor& caller, const std::string& id) {
  const bool admin = caller.role == role_admin;
  RF_TRY(found, ctx_.db().read([&](store::Transaction& tx) {
    return repository::verification(tx, id, caller.id, admin);
  }));
  if (!*found) return fail(ErrorCode::not_found, "no such ID verification");
  auto view = std::move(**found);
  if (admin) {
    view.document_number = ctx_.decrypt_or_empty(view.document_number, column::document_number);
    view.date_of_birth = view.date_of_birth.value_or("");
  } else {
    view.document_number.reset();
    view.date_of_birth.reset();
  }
  return view;
}

Result<std::vector<IdQueueEntry>> IdVerificationService::queue(
    const std::string& status, const std::optional<std::string>& after, std::int64_t limit) {
  return ctx_.db().read([&](store::Transaction& tx) {
    return repository::verification_queue(tx, status, after.value_or(""), limit);
  });
}

Status IdVerificationService::decide(const Actor& admin, const std::string& id, bool approve,
                                     const std::string& reason, const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    const auto now = ctx_.now_us();
    RF_TRY(decided, repository::decide(tx, {id, approve, reason, admin.id, now}));
    if (!*decided) return fail(ErrorCode::not_found, "no submitted ID verification");
    const auto& user_id = (*decided)->user_id;
    const bool adult = approve && adult_at((*decided)->date_of_birth, now);
    if (approve) {
      RF_TRY(u, repository::set_age_verified(tx, user_id, adult));
    }
    return audit_.append(tx, admin, origin,
                         {approve ? "id.approved" : "id.rejected", "id_verification", id, "success",
                          audit_detail({{"user_id", user_id}, {"adult", adult}})});
  });
}

Result<bool> IdVerificationService::age_verified(const std::string& user_id) {
  return ctx_.db().read(
      [&](store::Transaction& tx) { return repository::age_verified(tx, user_id); });
}

}  // namespace reskflow::identity
