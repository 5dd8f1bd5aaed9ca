// Search text: folding to the words both engines index, the matching rule every query word
// must pass (exact, prefix, or one or two typos), and the typo variants looked up in the
// vocabulary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reskflow::discovery {

// Query limits: `q` is 1..100 characters and at most 8 words.
inline constexpr std::size_t query_chars_max = 100;
inline constexpr std::size_t query_words_max = 8;
// A query word matches a longer indexed word it begins (from 2 letters on) ...
inline constexpr std::size_t prefix_chars_min = 2;
// ... or a word one edit away when the longer of the two has at least 5 letters, or two edits
// away when both have at least 8 ("margarita" finds "margherita", "tikka" never "pita").
inline constexpr std::size_t typo_chars_min = 5;
inline constexpr std::size_t two_typos_chars_min = 8;
// Two-edit neighbours share the query word's first letters (typos rarely start a word); the
// vocabulary is read by that prefix, at most this many words per query word.
inline constexpr std::size_t two_typos_prefix_chars = 2;
inline constexpr std::size_t two_typos_candidates_max = 2000;

// Lower-case ASCII words: Latin accents folded ("Crêpe Brûlée" -> "crepe", "brulee"),
// apostrophes dropped ("Luigi's" -> "luigis"), anything but a-z and 0-9 separates words.
std::vector<std::string> words_of(std::string_view text);

// The distinct words of several texts, sorted: what a document puts in the index.
std::vector<std::string> distinct_words(const std::vector<std::string>& texts);

// How well a query word matches an indexed word; the order is the ranking order.
enum class MatchQuality : std::uint8_t { none = 0, typo = 1, prefix = 2, exact = 4 };

MatchQuality match(std::string_view query_word, std::string_view word);

// True when one insertion, deletion, substitution or transposition of adjacent letters turns
// a into b (optimal string alignment distance 1).
bool one_edit_apart(std::string_view a, std::string_view b);

// The optimal string alignment distance of a and b (insertions, deletions, substitutions and
// transpositions of adjacent letters) when it is at most `bound`; bound + 1 otherwise.
std::size_t edits_apart(std::string_view a, std::string_view b, std::size_t bound);

// The vocabulary words that may be two edits from `word`: none below two_typos_chars_min
// letters; otherwise those starting with the same two_typos_prefix_chars letters, with a
// length within two of it (what the vocabulary is read for before match() decides).
struct TwoTyposRange {
  std::string first;  // words >= first ...
  std::string after;  // ... and < after (empty: no upper end)
  std::size_t chars_min = 0;
  std::size_t chars_max = 0;
};
std::optional<TwoTyposRange> two_typos_range(std::string_view word);

// Every string one edit from `word` (over a-z and 0-9) that the typo rule allows to match it,
// sorted and distinct; empty for words too short to have any.
std::vector<std::string> typo_variants(std::string_view word);

// The same strings, each passed to `visit` as it is made (in no order, some more than once; the
// view lasts until `visit` returns): a query looks each up without keeping or sorting them all.
void visit_typo_variants(std::string_view word, const std::function<void(std::string_view)>& visit);

}  // namespace reskflow::discovery
