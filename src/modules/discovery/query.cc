// Turning a query string into term groups, with typo variants found in the vocabulary
// (one edit) and the vocabulary's words two edits from long query words.
#include "query.h"

#include <algorithm>
#include <iterator>

#include "text.h"

namespace reskflow::discovery {

Result<std::vector<std::string>> query_words(std::string_view q, const std::string& field) {
  std::size_t chars = 0;
  for (const char c : q) chars += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  if (chars == 0 || chars > query_chars_max)
    return fail(ErrorCode::validation_failed, "the query is invalid",
                {{field, "must be 1 to " + std::to_string(query_chars_max) + " characters"}});
  auto words = words_of(q);
  std::vector<std::string> distinct;
  for (auto& w : words) {
    if (std::find(distinct.begin(), distinct.end(), w) == distinct.end())
      distinct.push_back(std::move(w));
  }
  if (distinct.empty())
    return fail(ErrorCode::validation_failed, "the query is invalid",
                {{field, "has no letters or digits to search for"}});
  if (distinct.size() > query_words_max)
    return fail(ErrorCode::validation_failed, "the query is invalid",
                {{field, "must have at most " + std::to_string(query_words_max) + " words"}});
  return distinct;
}

namespace {

// Long words also match vocabulary words two edits away (text.h).
void add_two_typo_words(const Index& index, const std::string& word, TermGroup& group) {
  const auto range = two_typos_range(word);
  if (!range) return;
  for (auto& w : index.vocabulary_range(*range, two_typos_candidates_max)) {
    if ((!group.prefix.empty() && w.starts_with(group.prefix)) ||
        match(word, w) != MatchQuality::typo)
      continue;
    if (std::find(group.words.begin(), group.words.end(), w) == group.words.end())
      group.words.push_back(std::move(w));
  }
}

}  // namespace

TermQuery term_query(const Index& index, const std::vector<std::string>& words) {
  TermQuery query;
  for (const auto& word : words) {
    TermGroup group;
    if (word.size() >= prefix_chars_min) {
      group.prefix = word;
    } else {
      group.words.push_back(word);
    }
    // The variants the vocabulary holds, in word order; one the prefix covers adds nothing.
    std::vector<std::string> known;
    visit_typo_variants(word, [&](std::string_view v) {
      if (index.knows(v) && (group.prefix.empty() || !v.starts_with(group.prefix)))
        known.emplace_back(v);
    });
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    group.words.insert(group.words.end(), std::make_move_iterator(known.begin()),
                       std::make_move_iterator(known.end()));
    add_two_typo_words(index, word, group);
    query.push_back(std::move(group));
  }
  return query;
}

}  // namespace reskflow::discovery
