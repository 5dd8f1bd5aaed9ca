// The Merkle tree over a batch's leaves, as DeliveryRegistry.verify checks it: each parent is
// keccak256 of its two children in ascending byte order (sorted pairs, so a proof is only the
// siblings), and a level's last node without a partner moves up unchanged.
#pragma once

#include <cstddef>
#include <vector>

#include "reskflow/chain/eth/bytes.h"

namespace reskflow::chain::eth::merkle {

Word hash_pair(const Word& a, const Word& b);

class Tree {
 public:
  // At least one leaf.
  explicit Tree(std::vector<Word> leaves);
  const Word& root() const { return levels_.back().front(); }
  std::size_t size() const { return levels_.front().size(); }
  // The siblings from the leaf up to the root (fewer than the height when a node moved up alone).
  std::vector<Word> proof(std::size_t index) const;

 private:
  std::vector<std::vector<Word>> levels_;
};

// What the contract's verify computes: the root reached from `leaf` through `proof`.
Word root_from_proof(const Word& leaf, const std::vector<Word>& proof);

}  // namespace reskflow::chain::eth::merkle
