// Rendering of batches and proofs of record.
#include "document.h"

#include "reskflow/modules/utc_time.h"

namespace reskflow::chain {
namespace {

namespace bj = boost::json;

template <class T>
bj::value optional_json(const std::optional<T>& v) {
  return v ? bj::value(*v) : bj::value(nullptr);
}

bj::value time_json(const std::optional<std::int64_t>& at_us) {
  return at_us ? bj::value(modules::iso_utc(*at_us)) : bj::value(nullptr);
}

}  // namespace

bj::object batch_json(const BatchView& b) {
  return {{"id", b.id},
          {"root", b.root},
          {"record_count", b.record_count},
          {"sealed_at", modules::iso_utc(b.sealed_at_us)},
          {"state", b.state},
          {"nonce", optional_json(b.nonce)},
          {"tx_hash", optional_json(b.tx_hash)},
          {"block_number", optional_json(b.block_number)},
          {"gas_used", optional_json(b.gas_used)},
          {"effective_gas_price_wei", optional_json(b.effective_gas_price_wei)},
          {"confirmed_at", time_json(b.confirmed_at_us)},
          {"attempts", b.attempts},
          {"last_error", optional_json(b.last_error)},
          {"reverts", b.reverts}};
}

bj::object proof_of_record_json(const ProofOfRecord& proof) {
  bj::array records;
  for (const auto& r : proof.records) {
    bj::array siblings;
    for (const auto& p : r.proof) siblings.emplace_back(p);
    records.push_back(
        bj::object{{"milestone", r.milestone},
                   {"at", modules::iso_utc(r.at_us)},
                   {"record", r.record},
                   {"leaf", r.leaf},
                   {"proof", std::move(siblings)},
                   {"batch", r.batch ? bj::value(batch_json(*r.batch)) : bj::value(nullptr)}});
  }
  return {{"delivery_id", proof.delivery_id},
          {"chain_id", proof.chain_id},
          {"contract", proof.contract},
          {"records", std::move(records)}};
}

}  // namespace reskflow::chain
