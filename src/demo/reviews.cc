// The demo city's reviews: each merchant gets a standing (its average-to-be, 2.6 to 4.9 stars)
// and a few reviews by the demo customers around it, so that "Best rated first" reorders the
// listings; every ninth merchant has none yet. Drawn deterministically from the seed.
#include <algorithm>
#include <array>
#include <cstdio>

#include "reskflow/demo/accounts.h"
#include "reskflow/demo/city.h"
#include "reviews.h"

namespace reskflow::demo {
namespace {

constexpr std::int64_t standing_tenths_min = 26;
constexpr std::int64_t standing_tenths_max = 49;
constexpr std::int64_t reviews_min = 2;
constexpr std::int64_t reviews_max = 8;
constexpr std::int64_t review_age_days_max = 120;
constexpr std::size_t unrated_every = 9;

// What customers say, by stars (index 0: one star).
constexpr std::array<std::array<std::string_view, 3>, 5> comments{{
    {"Cold and an hour late. Not again.", "The order was wrong and nobody answered the phone.",
     "Disappointing: soggy and bland."},
    {"Arrived lukewarm and the portions were small.", "Too salty for me, and it took ages.",
     "Not bad, not good; the packaging leaked."},
    {"Decent, nothing special.", "Fine for a weeknight; a little late.",
     "Good flavours, but it arrived barely warm."},
    {"Tasty and on time. Would order again.", "Generous portions, well packed.",
     "Really good; only the sides were forgettable."},
    {"Excellent: hot, fresh and early.", "The best in the neighbourhood, every time.",
     "Perfect. Exactly like eating there."},
}};

// A stable UUID (version 8: application-defined) from the review's stream.
std::string order_id(Rng& rng) {
  const auto hi = rng.next(), lo = rng.next();
  std::array<char, 37> text{};
  std::snprintf(text.data(), text.size(), "%08llx-%04llx-8%03llx-%04llx-%012llx",
                static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xFFFF),
                static_cast<unsigned long long>(hi & 0xFFF),
                static_cast<unsigned long long>(0x8000 | ((lo >> 48) & 0x3FFF)),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return text.data();
}

// Mostly the two stars around the standing (4.3: 4 or 5, 5 three times in ten), now and then
// one lower: a bad evening happens everywhere.
std::int64_t stars(std::int64_t standing_tenths, Rng& rng) {
  std::int64_t s = standing_tenths / 10 + (rng.between(0, 9) < standing_tenths % 10 ? 1 : 0);
  if (rng.between(0, 9) == 0) s -= 1;
  return std::clamp<std::int64_t>(s, 1, 5);
}

}  // namespace

std::vector<DemoReview> demo_reviews(std::size_t merchant_index, Rng rng) {
  std::vector<DemoReview> out;
  if (merchant_index % unrated_every == unrated_every - 1) return out;
  const auto standing = rng.between(standing_tenths_min, standing_tenths_max);
  const auto count = rng.between(reviews_min, reviews_max);
  std::int64_t age_days = review_age_days_max;
  for (std::int64_t i = 0; i < count; ++i) {
    // Oldest first, so that they are written in the order they were made.
    age_days -= rng.between(1, review_age_days_max / count);
    const auto rating = stars(standing, rng);
    const auto& said = comments.at(static_cast<std::size_t>(rating - 1));
    out.push_back({order_id(rng), std::string(i % 2 == 0 ? customer_email : customer2_email),
                   rating, std::string(said.at(static_cast<std::size_t>(rng.between(0, 2)))),
                   std::max<std::int64_t>(age_days, 1)});
  }
  return out;
}

}  // namespace reskflow::demo
