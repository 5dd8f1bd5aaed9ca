// `reskflow seed`: loads the demo city through the public interfaces only (identity's demo
// accounts, catalog::Catalog for merchants, brands and menus, reviews::Reviews for their
// reviews), then delivers the events it caused so that discovery's index (and its ratings) is
// filled before the command returns. A second run finds everything by email, slug and order id
// and changes nothing.
#include <cstdio>
#include <map>

#include "commands.h"
#include "platform.h"
#include "reskflow/catalog/catalog.h"
#include "reskflow/core/log.h"
#include "reskflow/demo/accounts.h"
#include "reskflow/demo/city.h"
#include "reskflow/identity/identity.h"
#include "reskflow/reviews/reviews.h"

namespace reskflow::app {
namespace {

// Bound on delivering the seed's events (discovery indexing ~100 of them).
constexpr std::chrono::seconds events_delivery_timeout_s{120};
constexpr std::int64_t day_us = 86'400'000'000;
// A demo review's order was delivered this long before it was reviewed.
constexpr std::int64_t review_after_delivery_us = 3'600'000'000;

int refuse(std::string_view what, const Error& e) {
  std::fprintf(stderr, "reskflow seed: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               e.detail.c_str());
  for (const auto& f : e.fields)
    std::fprintf(stderr, "reskflow seed:   %s %s\n", f.field.c_str(), f.message.c_str());
  return e.code == ErrorCode::validation_failed ? exit_config : exit_failure;
}

struct Loaded {
  int accounts_created = 0;
  int merchants_created = 0;
  int reviews_created = 0;
  std::map<std::string, std::string, std::less<>> user_ids;      // by email
  std::map<std::string, std::string, std::less<>> merchant_ids;  // by slug
};

Status seed_accounts(store::Database& db, const Config& config, Loaded& loaded) {
  for (const auto& a : demo::accounts()) {
    const identity::SeedAccount account{std::string(a.email), std::string(demo::password),
                                        std::string(a.name), std::string(a.role),
                                        a.totp ? std::string(demo::admin_totp_secret) : ""};
    RF_TRY(seeded, identity::seed_account(db, config, account));
    loaded.user_ids[std::string(a.email)] = seeded->user_id;
    loaded.accounts_created += seeded->created ? 1 : 0;
  }
  return {};
}

// Creates one merchant or brand and its menu. The catalog derives the slug from the name; a
// different one means a merchant of that name existed already, and a rerun would not find
// this one again, so it stops here.
Status create_merchant(catalog::Catalog& catalog, const demo::DemoMerchant& m, Loaded& loaded) {
  auto& ids = loaded.merchant_ids;
  RF_TRY(menu, catalog::read_menu_document(m.menu));
  auto ref = [&]() -> Result<catalog::MerchantRef> {
    if (!m.kitchen_slug.empty()) {
      RF_TRY(brand, catalog::read_brand_document(m.document));
      return catalog.create_brand(ids.at(m.kitchen_slug), *brand);
    }
    RF_TRY(profile, catalog::read_merchant_document(m.document));
    return catalog.create_merchant(loaded.user_ids.at(m.owner_email), *profile);
  }();
  if (!ref) return std::unexpected(ref.error());
  if (ref->slug != m.slug)
    return fail(ErrorCode::conflict, "the catalog named the demo merchant " + m.slug + " " +
                                         ref->slug + "; is a merchant of that name there already?");
  ids[m.slug] = ref->id;
  return catalog.replace_menu(ref->id, *menu);
}

Status seed_merchants(catalog::Catalog& catalog, const demo::City& city, Loaded& loaded) {
  auto& ids = loaded.merchant_ids;
  for (const auto& m : city.merchants) {
    RF_TRY(found, catalog.merchant_by_slug(m.slug));
    if (*found) {
      ids[m.slug] = (*found)->id;
      continue;
    }
    if (auto created = create_merchant(catalog, m, loaded); !created)
      return fail(created.error().code, m.slug + ": " + created.error().detail,
                  created.error().fields);
    ++loaded.merchants_created;
  }
  return {};
}

// The demo customers' reviews, dated before now, by the name on their account.
Status seed_reviews(reviews::Reviews& reviews, const demo::City& city, Loaded& loaded) {
  const auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  std::map<std::string_view, std::string_view> names;  // by email
  for (const auto& a : demo::accounts()) names[a.email] = a.name;
  for (const auto& m : city.merchants) {
    for (const auto& r : m.reviews) {
      const auto reviewed_at_us = now_us - r.age_days * day_us;
      const reviews::ImportedReview review{r.order_id,
                                           loaded.user_ids.at(r.customer_email),
                                           loaded.merchant_ids.at(m.slug),
                                           std::string(names.at(r.customer_email)),
                                           r.rating,
                                           r.comment,
                                           reviewed_at_us - review_after_delivery_us,
                                           reviewed_at_us};
      auto created = reviews.import_review(review);
      if (!created)
        return fail(created.error().code, m.slug + ": " + created.error().detail,
                    created.error().fields);
      loaded.reviews_created += *created ? 1 : 0;
    }
  }
  return {};
}

void print_summary(const Loaded& loaded, std::size_t merchants) {
  if (loaded.merchants_created == 0 && loaded.accounts_created == 0 &&
      loaded.reviews_created == 0) {
    std::printf("demo city already loaded: %zu merchants\n", merchants);
  } else {
    std::printf("demo city loaded: %zu merchants (%d new), %d new demo accounts, %d new reviews\n",
                merchants, loaded.merchants_created, loaded.accounts_created,
                loaded.reviews_created);
  }
  std::printf("demo accounts (password %.*s):\n", static_cast<int>(demo::password.size()),
              demo::password.data());
  for (const auto& a : demo::accounts()) {
    std::printf("  %-9.*s %.*s%s%.*s\n", static_cast<int>(a.role.size()), a.role.data(),
                static_cast<int>(a.email.size()), a.email.data(), a.totp ? "  TOTP secret " : "",
                a.totp ? static_cast<int>(demo::admin_totp_secret_base32.size()) : 0,
                demo::admin_totp_secret_base32.data());
  }
}

int load(Platform& p, const Config& config) {
  auto* catalog = p.catalog();
  auto* reviews = p.reviews();
  if (catalog == nullptr || reviews == nullptr)
    return refuse("seed",
                  Error{ErrorCode::validation_failed,
                        "the catalog or reviews module is not selected",
                        {{"modules", "seed needs identity, catalog, reviews and discovery"}}});
  const auto city = demo::berlin();
  Loaded loaded;
  if (auto ok = seed_accounts(p.database(), config, loaded); !ok)
    return refuse("demo accounts", ok.error());
  if (auto ok = seed_merchants(*catalog, city, loaded); !ok) return refuse("merchants", ok.error());
  if (auto ok = seed_reviews(*reviews, city, loaded); !ok) return refuse("reviews", ok.error());
  if (auto ok = p.deliver_pending_events(events_delivery_timeout_s); !ok)
    return refuse("delivering events", ok.error());
  print_summary(loaded, city.merchants.size());
  return 0;
}

}  // namespace

int seed(const Config& config) {
  log::Level level{};
  log::parse_level(config.log_level, level);
  log::set_level(level);
  if (config.environment == Environment::production)
    return refuse("refused", Error{ErrorCode::validation_failed,
                                   "the demo city is never loaded in production (its accounts "
                                   "have a published password)",
                                   {{"RESKFLOW_ENV", "is production"}}});
  if (auto ok = validate(config); !ok) return refuse("invalid configuration", ok.error());
  auto platform = Platform::open(config);
  if (!platform) return refuse("startup", platform.error());
  auto& p = **platform;
  if (auto migrated = p.migrate(); !migrated) return refuse("migration", migrated.error());
  if (auto started = p.start(); !started) return refuse("startup", started.error());
  const int code = load(p, config);
  p.stop();
  return code;
}

}  // namespace reskflow::app
