// Sorted-pair Merkle tree: levels kept whole so any leaf's proof is read off them.
#include "reskflow/chain/eth/merkle.h"

#include <algorithm>

#include "reskflow/core/assert.h"

namespace reskflow::chain::eth::merkle {

Word hash_pair(const Word& a, const Word& b) {
  std::array<std::uint8_t, 64> joined{};
  const bool a_first = std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
  const auto& first = a_first ? a : b;
  const auto& second = a_first ? b : a;
  std::copy(first.begin(), first.end(), joined.begin());
  std::copy(second.begin(), second.end(), joined.begin() + 32);
  return keccak256(joined);
}

Tree::Tree(std::vector<Word> leaves) {
  RF_ASSERT(!leaves.empty());
  levels_.push_back(std::move(leaves));
  while (levels_.back().size() > 1) {
    const auto& below = levels_.back();
    std::vector<Word> level;
    level.reserve((below.size() + 1) / 2);
    for (std::size_t i = 0; i + 1 < below.size(); i += 2)
      level.push_back(hash_pair(below[i], below[i + 1]));
    if (below.size() % 2 == 1) level.push_back(below.back());
    levels_.push_back(std::move(level));
  }
}

std::vector<Word> Tree::proof(std::size_t index) const {
  RF_ASSERT(index < size());
  std::vector<Word> siblings;
  for (std::size_t depth = 0; depth + 1 < levels_.size(); ++depth) {
    const auto& level = levels_[depth];
    const std::size_t sibling = index ^ 1U;
    if (sibling < level.size()) siblings.push_back(level[sibling]);
    index /= 2;
  }
  return siblings;
}

Word root_from_proof(const Word& leaf, const std::vector<Word>& proof) {
  Word node = leaf;
  for (const auto& sibling : proof) node = hash_pair(node, sibling);
  return node;
}

}  // namespace reskflow::chain::eth::merkle
