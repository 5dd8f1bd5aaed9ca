// A query's text as the index matches it: the folded query words, each expanded with the
// vocabulary words one typo away (two for long words).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "index.h"

namespace reskflow::discovery {

// The distinct folded words of q; validation_failed on field `field` when q is empty, longer
// than query_chars_max, has no letters or digits, or more than query_words_max words.
Result<std::vector<std::string>> query_words(std::string_view q, const std::string& field);

// One group per word: its prefix (2+ letters; a 1-letter word matches only itself) and the
// vocabulary's words one edit from it (two for words of two_typos_chars_min letters or more).
TermQuery term_query(const Index& index, const std::vector<std::string>& words);

}  // namespace reskflow::discovery
