// Running promotions: creating one (its rules checked across fields), listing a merchant's or
// the platform's, pausing, resuming and ending; each change published in its transaction.
#include "service.h"

#include <algorithm>
#include <cctype>

#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/promotions/events.h"
#include "reskflow/store/uuid.h"

namespace reskflow::promotions {
namespace {

bool valid_code(std::string_view code) {
  return code.size() >= 3 && code.size() <= static_cast<std::size_t>(code_chars_max) &&
         std::all_of(code.begin(), code.end(), [](char c) {
           return std::isupper(static_cast<unsigned char>(c)) != 0 ||
                  std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
         });
}

std::vector<FieldError> draft_errors(const Promotion& p) {
  std::vector<FieldError> out;
  if (!p.code.empty() && !valid_code(p.code))
    out.push_back({"code", "must be 3 to 32 letters, digits, '-' or '_'"});
  if (p.kind == kind_percentage && (p.percent < 1 || p.percent > 100))
    out.push_back({"percent", "must be from 1 to 100 for a percentage"});
  if (p.kind != kind_percentage && p.percent != 0)
    out.push_back({"percent", "is only for a percentage"});
  if (p.kind == kind_fixed_amount && p.amount.amount_minor < 1)
    out.push_back({"amount_minor", "must be at least 1 for a fixed amount"});
  if (p.kind == kind_free_delivery && p.amount.amount_minor != 0)
    out.push_back({"amount_minor", "is not for free delivery"});
  if (p.ends_at_us && *p.ends_at_us <= p.starts_at_us)
    out.push_back({"ends_at", "must be after starts_at"});
  if (!p.merchant_id.empty() && !p.merchant_ids.empty())
    out.push_back({"merchant_ids", "are only for the platform's campaigns"});
  return out;
}

Status publish_change(store::Transaction& tx, const Promotion& p, std::string_view type) {
  const events::PromotionChanged e{p.id, p.merchant_id, p.code, p.status, p.updated_at_us};
  RF_TRY(published, bus::publish(tx, {std::string(type), p.id, modules::payload::to_payload(e)}));
  return {};
}

}  // namespace

Service::Service(store::Database& db, ledger::Ledger& ledger, const PromotionsSettings& settings,
                 PromotionsMetrics& metrics, modules::Clock clock)
    : db_(db),
      ledger_(ledger),
      settings_(settings),
      metrics_(metrics),
      clock_(std::move(clock)),
      code_redeemed_(
          db.on_commit(std::string(redeemed_code_channel), [&metrics] { metrics.redeemed.inc(); })),
      campaign_redeemed_(db.on_commit(std::string(redeemed_campaign_channel),
                                      [&metrics] { metrics.redeemed.inc(); })) {}

Result<Promotion> Service::create(std::string_view user_id, Promotion draft) {
  std::transform(draft.code.begin(), draft.code.end(), draft.code.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (auto errors = draft_errors(draft); !errors.empty())
    return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
                std::move(errors));
  if (std::cmp_greater(draft.merchant_ids.size(), settings_.campaign_merchants_max))
    return fail(
        ErrorCode::validation_failed, "some fields are invalid; see errors",
        {{"merchant_ids",
          "may name at most " + std::to_string(settings_.campaign_merchants_max) + " merchants"}});
  const auto now = clock_();
  draft.id = store::new_uuid_v7();
  draft.status = std::string(status_active);
  draft.created_by = std::string(user_id);
  draft.created_at_us = draft.updated_at_us = now;
  // Every amount of a promotion is in its currency, the amount's.
  draft.minimum_basket.currency = draft.amount.currency;
  if (draft.budget) draft.budget->currency = draft.amount.currency;
  draft.spent = {0, draft.amount.currency};
  draft.redemptions = 0;
  std::sort(draft.merchant_ids.begin(), draft.merchant_ids.end());
  draft.merchant_ids.erase(std::unique(draft.merchant_ids.begin(), draft.merchant_ids.end()),
                           draft.merchant_ids.end());
  auto written = db_.write([&](store::Transaction& tx) -> Status {
    if (!draft.code.empty()) {
      RF_TRY(same, repository::promotion_by_code(tx, draft.code));
      if (*same && (*same)->status != status_ended)
        return fail(ErrorCode::conflict,
                    "the code " + draft.code + " is in use by another promotion; pick another");
    }
    RF_TRY(inserted, repository::insert_promotion(tx, draft));
    return publish_change(tx, draft, events::promotion_created);
  });
  if (!written) return std::unexpected(written.error());
  metrics_.created.inc();
  return draft;
}

Result<PromotionPage> Service::list(std::string_view merchant_id,
                                    const modules::PageRequest& page) {
  RF_TRY(found, db_.read([&](store::Transaction& tx) {
    return repository::promotions_of(tx, merchant_id, page.cursor.value_or(""), page.limit + 1);
  }));
  PromotionPage out{std::move(*found), std::nullopt};
  if (std::cmp_greater(out.promotions.size(), page.limit)) {
    out.promotions.resize(static_cast<std::size_t>(page.limit));
    out.next_cursor = out.promotions.back().id;
  }
  return out;
}

Result<Promotion> Service::get(std::string_view merchant_id, std::string_view id) {
  RF_TRY(found, db_.read([&](store::Transaction& tx) { return repository::promotion(tx, id); }));
  if (!*found || (*found)->merchant_id != merchant_id)
    return fail(ErrorCode::not_found, "no such promotion");
  return std::move(**found);
}

Result<Promotion> Service::change_status(std::string_view merchant_id, std::string_view id,
                                         StatusAction action) {
  return db_.write([&](store::Transaction& tx) -> Result<Promotion> {
    RF_TRY(found, repository::promotion(tx, id));
    if (!*found || (*found)->merchant_id != merchant_id)
      return fail(ErrorCode::not_found, "no such promotion");
    auto p = std::move(**found);
    const auto [from_ok, to, type] = [&]() -> std::tuple<bool, std::string_view, std::string_view> {
      switch (action) {
        case StatusAction::pause:
          return {p.status == status_active, status_paused, events::promotion_paused};
        case StatusAction::resume:
          return {p.status == status_paused, status_active, events::promotion_resumed};
        case StatusAction::end:
          return {p.status != status_ended, status_ended, events::promotion_ended};
      }
      return {false, "", ""};
    }();
    if (!from_ok)
      return fail(ErrorCode::invalid_transition,
                  "the promotion is " + p.status + "; it cannot become " + std::string(to));
    p.status = std::string(to);
    p.updated_at_us = clock_();
    RF_TRY(set, repository::set_status(tx, p.id, p.status, p.updated_at_us));
    RF_TRY(published, publish_change(tx, p, type));
    return p;
  });
}

}  // namespace reskflow::promotions
