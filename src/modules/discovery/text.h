// Search text: folding to the words both engines index, the matching rule every query word
// must pass (exact, prefix, or one typo), and the typo variants looked up in the vocabulary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reskflow::discovery {

// Query limits: `q` is 1..100 characters and at most 8 words.
inline constexpr std::size_t query_chars_max = 100;
inline constexpr std::size_t query_words_max = 8;
// A query word matches a longer indexed word it begins (from 2 letters on) ...
inline constexpr std::size_t prefix_chars_min = 2;
// ... or a word one edit away when the longer of the two has at least 5 letters.
inline constexpr std::size_t typo_chars_min = 5;

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

// Every string one edit from `word` (over a-z and 0-9) that the typo rule allows to match it;
// empty for words too short to have any.
std::vector<std::string> typo_variants(std::string_view word);

}  // namespace reskflow::discovery
