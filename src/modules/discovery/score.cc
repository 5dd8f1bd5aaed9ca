// Field weights and the per-word scoring of discovery's relevance ranking.
#include "score.h"

#include <algorithm>

#include "text.h"

namespace reskflow::discovery {
namespace {

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += s + " ";
  return out;
}

}  // namespace

std::vector<ScoredField> merchant_fields(const StoredMerchant& m) {
  return {{words_of(m.name), 10},
          {words_of(joined(m.cuisines)), 6},
          {words_of(m.menu_text), 3},
          {words_of(m.description.value_or("")), 2}};
}

std::vector<ScoredField> item_fields(const StoredItem& item) {
  return {{words_of(item.name), 10},
          {words_of(item.category), 4},
          {words_of(joined(item.dietary)), 4},
          {words_of(item.merchant.name), 3},
          {words_of(item.description.value_or("")), 2}};
}

std::int64_t score(const std::vector<std::string>& query_words,
                   const std::vector<ScoredField>& fields) {
  if (query_words.empty() || fields.empty()) return 0;
  std::int64_t total = 0;
  bool all_in_name = true;
  for (const auto& q : query_words) {
    std::int64_t best = 0;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      for (const auto& w : fields[f].words) {
        const auto quality = static_cast<std::int64_t>(match(q, w));
        best = std::max(best, quality * fields[f].weight);
      }
    }
    if (best == 0) return 0;
    all_in_name = all_in_name &&
                  std::any_of(fields[0].words.begin(), fields[0].words.end(),
                              [&](const auto& w) { return match(q, w) != MatchQuality::none; });
    total += best;
  }
  return total + (all_in_name ? name_bonus : 0);
}

}  // namespace reskflow::discovery
