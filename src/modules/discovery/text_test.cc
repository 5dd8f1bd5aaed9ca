// Folding, the match rule (exact, prefix, one typo) and the typo variants the vocabulary is
// probed with.
#include "text.h"

#include <gtest/gtest.h>
#include <algorithm>

namespace reskflow::discovery {
namespace {

using Words = std::vector<std::string>;

bool contains(const Words& list, const std::string& word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

TEST(Text, FoldsAccentsCaseAndApostrophes) {
  EXPECT_EQ(words_of("Crêperie Ça Va"), (Words{"creperie", "ca", "va"}));
  EXPECT_EQ(words_of("Luigi's PIZZERIA"), (Words{"luigis", "pizzeria"}));
  EXPECT_EQ(words_of("Luigi’s"), Words{"luigis"});
  EXPECT_EQ(words_of("Straße, Œuf & Smörgåsbord!"), (Words{"strasse", "oeuf", "smorgasbord"}));
  EXPECT_EQ(words_of("gluten_free 7up 寿司"), (Words{"gluten", "free", "7up"}));
  EXPECT_TRUE(words_of(" -- ").empty());
  EXPECT_EQ(distinct_words({"Pad Thai", "thai basil"}), (Words{"basil", "pad", "thai"}));
}

TEST(Text, MatchesExactlyByPrefixFromTwoLettersAndWithOneTypoFromFiveLetters) {
  EXPECT_EQ(match("pizza", "pizza"), MatchQuality::exact);
  EXPECT_EQ(match("bur", "burgers"), MatchQuality::prefix);
  EXPECT_EQ(match("b", "burgers"), MatchQuality::none);  // one letter: exact only
  EXPECT_EQ(match("b", "b"), MatchQuality::exact);
  EXPECT_EQ(match("piza", "pizza"), MatchQuality::typo);    // insertion
  EXPECT_EQ(match("sushii", "sushi"), MatchQuality::typo);  // deletion
  EXPECT_EQ(match("pizze", "pizza"), MatchQuality::typo);   // substitution
  EXPECT_EQ(match("suhsi", "sushi"), MatchQuality::typo);   // transposition
  EXPECT_EQ(match("tak", "taco"), MatchQuality::none);      // 4 letters: no typo
  EXPECT_EQ(match("cat", "car"), MatchQuality::none);
  EXPECT_EQ(match("pizzas", "piza"), MatchQuality::none);  // two edits
  EXPECT_EQ(match("thia", "thai"), MatchQuality::none);    // a typo needs 5 letters
}

TEST(Text, MatchesTwoTyposOnlyWhenBothWordsHaveEightLetters) {
  EXPECT_EQ(match("margarita", "margherita"), MatchQuality::typo);  // insertion, substitution
  EXPECT_EQ(match("quesadiya", "quesadilla"), MatchQuality::typo);
  EXPECT_EQ(match("cappucino", "capuccino"), MatchQuality::typo);  // deletion, insertion
  EXPECT_EQ(match("burrito", "burrata"), MatchQuality::none);      // 7 letters: one edit only
  EXPECT_EQ(match("marinara", "margarita"), MatchQuality::none);   // more than two edits
  EXPECT_EQ(match("pancakes", "pancetta"), MatchQuality::none);
  EXPECT_EQ(match("margaritas", "pita"), MatchQuality::none);
}

TEST(Text, EditsApartIsBoundedOptimalStringAlignmentDistance) {
  EXPECT_EQ(edits_apart("margarita", "margherita", 2), 2u);
  EXPECT_EQ(edits_apart("abcdef", "badcfe", 3), 3u);  // three transpositions
  EXPECT_EQ(edits_apart("abcdef", "abcdef", 2), 0u);
  EXPECT_EQ(edits_apart("abcdefgh", "hgfedcba", 2), 3u);  // beyond the bound: bound + 1
  EXPECT_EQ(edits_apart("abc", "abcdef", 2), 3u);
  EXPECT_EQ(edits_apart("", "ab", 2), 2u);
}

TEST(Text, TwoTyposRangeCoversWordsWithTheSameFirstLetters) {
  EXPECT_FALSE(two_typos_range("burrito"));
  const auto range = two_typos_range("margarita");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->first, "ma");
  EXPECT_EQ(range->after, "mb");
  EXPECT_EQ(range->chars_min, 8u);
  EXPECT_EQ(range->chars_max, 11u);
  EXPECT_EQ(two_typos_range("mzzarella")->after, "n");
  EXPECT_EQ(two_typos_range("m9000000")->after, "ma");
  EXPECT_EQ(two_typos_range("zzzzzzzz")->after, "");
}

TEST(Text, OneEditApartIsOptimalStringAlignmentDistanceOne) {
  EXPECT_TRUE(one_edit_apart("abcde", "abde"));
  EXPECT_TRUE(one_edit_apart("abde", "abcde"));
  EXPECT_TRUE(one_edit_apart("abcde", "abXde"));
  EXPECT_TRUE(one_edit_apart("abcde", "abdce"));
  EXPECT_FALSE(one_edit_apart("abcde", "abcde"));
  EXPECT_FALSE(one_edit_apart("abcde", "badce"));
  EXPECT_FALSE(one_edit_apart("abcde", "abc"));
  EXPECT_FALSE(one_edit_apart("abcde", "edcba"));
}

TEST(Text, TypoVariantsHoldEveryWordTheRuleWouldMatch) {
  EXPECT_TRUE(contains(typo_variants("piza"), "pizza"));
  EXPECT_FALSE(contains(typo_variants("piza"), "pza"));  // 4 letters: insertions only
  EXPECT_TRUE(contains(typo_variants("sushii"), "sushi"));
  EXPECT_TRUE(contains(typo_variants("suhsi"), "sushi"));
  EXPECT_TRUE(contains(typo_variants("pizze"), "pizza"));
  EXPECT_FALSE(contains(typo_variants("pizza"), "pizza"));
  EXPECT_TRUE(typo_variants("tak").empty());
  for (const auto& v : typo_variants("burgr"))
    EXPECT_NE(match("burgr", v), MatchQuality::none) << v;
}

}  // namespace
}  // namespace reskflow::discovery
