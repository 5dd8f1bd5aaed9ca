// Folding, tokenising and the match rule of discovery's search: the engines only retrieve
// candidates, this file decides what matches (so both engines agree).
#include "text.h"

#include <algorithm>

namespace reskflow::discovery {
namespace {

constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

// U+00C0..U+00FF (UTF-8 C3 80..C3 BF) folded to ASCII letters; '-' separates words.
constexpr std::string_view latin1_fold =
    "aaaaaaaceeeeiiii"   // U+00C0..U+00CF
    "dnooooo-ouuuuy-s"   // U+00D0..U+00DF (x, thorn are separators)
    "aaaaaaaceeeeiiii"   // U+00E0..U+00EF
    "dnooooo-ouuuuy-y";  // U+00F0..U+00FF (division sign, thorn)

bool word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Appends the folded form of the character at text[i] and returns its length in bytes.
std::size_t fold_one(std::string_view text, std::size_t i, std::string& out) {
  const auto c = static_cast<unsigned char>(text[i]);
  const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0U;
  if (c < 0x80) {
    if (c == '\'') return 1;  // "luigi's" is one word
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
    return 1;
  }
  if (c == 0xC3 && next >= 0x80 && next <= 0xBF) {
    out.push_back(latin1_fold[next - 0x80]);
    if (next == 0x9F) out.push_back('s');                  // ß -> ss
    if (next == 0x86 || next == 0xA6) out.push_back('e');  // æ -> ae
    return 2;
  }
  if (c == 0xC5 && (next == 0x92 || next == 0x93)) {
    out += "oe";  // œ
    return 2;
  }
  // U+2019, the typographic apostrophe, joins like '\''.
  if (c == 0xE2 && next == 0x80 && i + 2 < text.size() &&
      static_cast<unsigned char>(text[i + 2]) == 0x99)
    return 3;
  out.push_back(' ');
  std::size_t length = 1;
  while (i + length < text.size() &&
         (static_cast<unsigned char>(text[i + length]) & 0xC0U) == 0x80U)
    ++length;
  return length;
}

}  // namespace

std::vector<std::string> words_of(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) i += fold_one(text, i, folded);
  std::vector<std::string> words;
  std::string word;
  for (const char c : folded) {
    if (word_char(c)) {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::vector<std::string> distinct_words(const std::vector<std::string>& texts) {
  std::vector<std::string> all;
  for (const auto& text : texts) {
    for (auto& w : words_of(text)) all.push_back(std::move(w));
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() != b.size()) return a.substr(i) == b.substr(i + 1);  // one insertion
  if (i == a.size()) return false;                                  // equal
  if (a.substr(i + 1) == b.substr(i + 1)) return true;              // one substitution
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);  // one transposition
}

std::size_t edits_apart(std::string_view a, std::string_view b, std::size_t bound) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > bound) return bound + 1;
  // Three rows of the Damerau (OSA) table: two back for transpositions.
  std::vector<std::size_t> before(a.size() + 1), previous(a.size() + 1), current(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) previous[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    current[0] = j;
    std::size_t row_min = current[0];
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[i] = std::min({previous[i] + 1, current[i - 1] + 1, previous[i - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[i] = std::min(current[i], before[i - 2] + 1);
      row_min = std::min(row_min, current[i]);
    }
    if (row_min > bound) return bound + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[a.size()], bound + 1);
}

MatchQuality match(std::string_view query_word, std::string_view word) {
  if (query_word == word) return MatchQuality::exact;
  if (query_word.size() >= prefix_chars_min && word.starts_with(query_word))
    return MatchQuality::prefix;
  if (std::max(query_word.size(), word.size()) >= typo_chars_min &&
      one_edit_apart(query_word, word))
    return MatchQuality::typo;
  if (std::min(query_word.size(), word.size()) >= two_typos_chars_min &&
      edits_apart(query_word, word, 2) <= 2)
    return MatchQuality::typo;
  return MatchQuality::none;
}

std::optional<TwoTyposRange> two_typos_range(std::string_view word) {
  if (word.size() < two_typos_chars_min) return std::nullopt;
  TwoTyposRange range{std::string(word.substr(0, two_typos_prefix_chars)),
                      {},
                      two_typos_chars_min,
                      word.size() + 2};
  range.chars_min = std::max(range.chars_min, word.size() - 2);
  // The least string after every word that starts with `first` (words hold a-z and 0-9,
  // digits before letters): drop trailing 'z's, then step the last character.
  std::string after = range.first;
  while (!after.empty() && after.back() == 'z') after.pop_back();
  if (!after.empty())
    after.back() = after.back() == '9' ? 'a' : static_cast<char>(after.back() + 1);
  range.after = std::move(after);
  return range;
}

void visit_typo_variants(std::string_view word,
                         const std::function<void(std::string_view)>& visit) {
  const bool same_length_ok = word.size() >= typo_chars_min;
  if (word.size() + 1 < typo_chars_min) return;
  std::string s;  // one buffer for every variant
  s.reserve(word.size() + 1);
  for (std::size_t i = 0; i <= word.size(); ++i) {
    for (const char c : alphabet) {
      s.assign(word.substr(0, i)).push_back(c);
      visit(s.append(word.substr(i)));  // insertion
    }
  }
  if (!same_length_ok) return;
  for (std::size_t i = 0; i < word.size(); ++i) {
    visit(s.assign(word.substr(0, i)).append(word.substr(i + 1)));  // deletion
    s.assign(word);
    for (const char c : alphabet) {
      if (c == word[i]) continue;
      s[i] = c;
      visit(s);  // substitution
    }
    if (i + 1 < word.size() && word[i] != word[i + 1]) {
      s.assign(word);
      std::swap(s[i], s[i + 1]);
      visit(s);  // transposition
    }
  }
}

std::vector<std::string> typo_variants(std::string_view word) {
  std::vector<std::string> out;
  visit_typo_variants(word, [&](std::string_view v) { out.emplace_back(v); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace reskflow::discovery
