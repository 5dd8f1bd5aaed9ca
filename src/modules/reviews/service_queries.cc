// The review reads: a merchant's reviews with its rating summary, and a customer's orders that
// still await a review. Cursors are opaque to clients and checked on the way in.
#include <charconv>

#include "repository.h"
#include "reskflow/modules/uuid_text.h"
#include "service.h"

namespace reskflow::reviews {
namespace {

std::unexpected<Error> bad_cursor() {
  return fail(ErrorCode::validation_failed, "the cursor is not from this list",
              {{"cursor", "is not a cursor from this list"}});
}

// A reviewable-orders cursor: "<delivered_at_us>.<order_id>" of the last order shown.
std::string delivery_cursor(const Delivery& d) {
  return std::to_string(d.delivered_at_us) + "." + d.order_id;
}

std::optional<repository::DeliveryPosition> parse_delivery_cursor(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos || dot + 1 >= text.size()) return std::nullopt;
  std::int64_t at = 0;
  const auto digits = text.substr(0, dot);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), at);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return repository::DeliveryPosition{at, std::string(text.substr(dot + 1))};
}

}  // namespace

Result<ReviewPage> Service::merchant_reviews(std::string_view merchant_id,
                                             const PageRequest& page) {
  RF_TRY(merchant, catalog_.merchant(merchant_id));
  // Suspended merchants are hidden everywhere else (catalog, discovery): their reviews too.
  if (!merchant->active) return fail(ErrorCode::not_found, "no such merchant");
  const auto before = page.cursor.value_or("");
  if (!before.empty() && !modules::uuid_shaped(before)) return bad_cursor();
  return db_.read([&](store::Transaction& tx) -> Result<ReviewPage> {
    ReviewPage out;
    RF_TRY(summary, repository::rating(tx, merchant_id));
    out.summary = *summary;
    RF_TRY(rows, repository::reviews_page(tx, merchant_id, before, page.limit + 1));
    out.reviews = std::move(*rows);
    if (out.reviews.size() > static_cast<std::size_t>(page.limit)) {
      out.reviews.resize(static_cast<std::size_t>(page.limit));
      out.next_cursor = out.reviews.back().id;
    }
    return out;
  });
}

Result<ReviewablePage> Service::reviewable_orders(std::string_view customer_id,
                                                  const PageRequest& page) {
  std::optional<repository::DeliveryPosition> before;
  if (page.cursor) {
    before = parse_delivery_cursor(*page.cursor);
    if (!before) return bad_cursor();
  }
  const auto since = clock_() - window_us();
  RF_TRY(rows, db_.read([&](store::Transaction& tx) {
    return repository::reviewable(tx, customer_id, since, before, page.limit + 1);
  }));
  ReviewablePage out;
  if (rows->size() > static_cast<std::size_t>(page.limit)) {
    rows->resize(static_cast<std::size_t>(page.limit));
    out.next_cursor = delivery_cursor(rows->back().first);
  }
  for (auto& [d, courier] : *rows) {
    // The catalog is asked outside the reviews transaction (it runs its own).
    auto merchant = catalog_.merchant(d.merchant_id);
    if (!merchant && merchant.error().code != ErrorCode::not_found)
      return std::unexpected(merchant.error());
    const auto before_us = d.delivered_at_us + window_us();
    out.orders.push_back(
        {std::move(d), merchant ? merchant->name : std::string(), before_us, courier});
  }
  return out;
}

}  // namespace reskflow::reviews
