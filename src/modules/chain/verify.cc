// Fetching a delivery's proof of record and checking it against the chain: the record, its
// leaf, the proof, the root the contract stores and the contract's own verify, each in turn;
// nothing else of the answer is trusted.
#include "reskflow/chain/verify.h"

#include <boost/json.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <memory>

#include "reskflow/chain/eth/abi.h"
#include "reskflow/chain/eth/merkle.h"
#include "reskflow/chain/record.h"

namespace reskflow::chain {
namespace {

namespace bj = boost::json;

Error malformed(std::string field, std::string message) {
  return Error{ErrorCode::validation_failed,
               "the answer is not a proof of record",
               {{std::move(field), std::move(message)}}};
}

const bj::string* text_at(const bj::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr ? v->if_string() : nullptr;
}

// A JSON integer that is not negative, as either of Boost.JSON's integer kinds.
std::optional<std::uint64_t> count_of(const bj::value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_uint64()) return v->get_uint64();
  if (v->is_int64() && v->get_int64() >= 0) return static_cast<std::uint64_t>(v->get_int64());
  return std::nullopt;
}

// A milestone as the answer gives it: only the record's bytes and the proof are used.
struct Claimed {
  std::string at;
  eth::Bytes record;
  std::vector<eth::Word> proof;
  std::optional<std::uint64_t> batch_id;
};

Result<Claimed> claimed_of(const bj::value& v, std::size_t index) {
  const auto where = "records[" + std::to_string(index) + "]";
  const auto* o = v.if_object();
  if (o == nullptr) return std::unexpected(malformed(where, "must be an object"));
  const auto* at = text_at(*o, "at");
  const auto* record = text_at(*o, "record");
  const auto* proof = o->if_contains("proof");
  std::optional<eth::Bytes> bytes;
  if (record != nullptr) bytes = eth::from_hex(*record);
  if (at == nullptr || !bytes || proof == nullptr || !proof->is_array())
    return std::unexpected(malformed(where, "needs at, record (hex) and proof (an array)"));
  Claimed out{.at = std::string(*at), .record = std::move(*bytes), .proof = {}, .batch_id = {}};
  for (const auto& p : proof->get_array()) {
    const auto word = p.is_string() ? eth::word_from_hex(p.get_string()) : std::nullopt;
    if (!word) return std::unexpected(malformed(where + ".proof", "must hold 32-byte hex words"));
    out.proof.push_back(*word);
  }
  if (const auto* batch = o->if_contains("batch"); batch != nullptr && !batch->is_null()) {
    const auto id = count_of(batch->is_object() ? batch->get_object().if_contains("id") : nullptr);
    if (!id || *id == 0)
      return std::unexpected(malformed(where + ".batch", "must be null or have a positive id"));
    out.batch_id = id;
  }
  return out;
}

// The root the contract stores for `batch_id` (zero while it has none): batches(uint64).
Result<eth::Word> anchored_root(eth::RpcClient& rpc, const eth::Address& contract,
                                std::uint64_t batch_id) {
  RF_TRY(answer,
         rpc.call_contract(
             contract, eth::abi::encode_call(eth::abi::selector("batches(uint64)"), {batch_id})));
  const auto words = eth::abi::decode_words(*answer);
  if (!words || words->empty())
    return fail(ErrorCode::unavailable, "the contract's batches() answer is not ABI words");
  return words->front();
}

Result<bool> contract_verifies(eth::RpcClient& rpc, const eth::Address& contract,
                               std::uint64_t batch_id, const eth::Word& leaf,
                               const std::vector<eth::Word>& proof) {
  RF_TRY(answer,
         rpc.call_contract(
             contract, eth::abi::encode_call(eth::abi::selector("verify(uint64,bytes32,bytes32[])"),
                                             {batch_id, leaf, proof})));
  const auto words = eth::abi::decode_words(*answer);
  const auto yes = words && !words->empty() ? eth::abi::word_to_bool(words->front()) : std::nullopt;
  if (!yes) return fail(ErrorCode::unavailable, "the contract's verify() answer is not a bool");
  return *yes;
}

Result<MilestoneCheck> check(const Claimed& claimed, std::string_view delivery_id,
                             eth::RpcClient& rpc, const eth::Address& contract) {
  MilestoneCheck out{.milestone = "unknown",
                     .at = claimed.at,
                     .outcome = CheckOutcome::failed,
                     .detail = {},
                     .batch_id = claimed.batch_id};
  const auto record = decode(claimed.record);
  if (!record) {
    out.detail = "the record is not in the documented encoding";
    return out;
  }
  out.milestone = std::string(milestone_name(record->milestone));
  if (record->delivery_id != delivery_id) {
    out.detail = "the record is about delivery " + record->delivery_id;
    return out;
  }
  if (!claimed.batch_id) {
    out.outcome = CheckOutcome::pending;
    out.detail = "not in a batch yet";
    return out;
  }
  const auto leaf = leaf_of(claimed.record);
  RF_TRY(root, anchored_root(rpc, contract, *claimed.batch_id));
  if (*root == eth::Word{}) {
    out.outcome = CheckOutcome::pending;
    out.detail = "batch " + std::to_string(*claimed.batch_id) + " is not anchored on chain yet";
    return out;
  }
  if (eth::merkle::root_from_proof(leaf, claimed.proof) != *root) {
    out.detail = "the record does not lead to the root anchored for batch " +
                 std::to_string(*claimed.batch_id);
    return out;
  }
  RF_TRY(agreed, contract_verifies(rpc, contract, *claimed.batch_id, leaf, claimed.proof));
  if (!*agreed) {
    out.detail = "the contract's verify refuses the record";
    return out;
  }
  out.outcome = CheckOutcome::verified;
  return out;
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

ErrorCode code_of_status(long status) {
  switch (status) {
    case 401: return ErrorCode::unauthenticated;
    case 403: return ErrorCode::forbidden;
    case 404: return ErrorCode::not_found;
    default: return ErrorCode::internal;
  }
}

}  // namespace

Result<bj::value> fetch_proof_of_record(std::string_view base_url, std::string_view delivery_id,
                                        std::string_view token, std::chrono::milliseconds timeout) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  char* escaped =
      curl_easy_escape(curl.get(), delivery_id.data(), static_cast<int>(delivery_id.size()));
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/v1/deliveries/" + std::string(escaped) + "/verification";
  curl_free(escaped);
  const std::string authorization = "Authorization: Bearer " + std::string(token);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
      curl_slist_append(nullptr, authorization.c_str()), &curl_slist_free_all);
  std::string body;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  if (const auto code = curl_easy_perform(curl.get()); code != CURLE_OK)
    return fail(ErrorCode::unavailable,
                std::string("the server cannot be reached: ") + curl_easy_strerror(code));
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  boost::system::error_code ec;
  auto answer = bj::parse(body, ec);
  if (ec)
    return fail(ErrorCode::unavailable,
                "the server answered HTTP " + std::to_string(status) + " without JSON");
  if (status == 200) return answer;
  const auto* detail = answer.is_object() ? text_at(answer.get_object(), "detail") : nullptr;
  return fail(code_of_status(status), detail != nullptr
                                          ? std::string(*detail)
                                          : "the server answered HTTP " + std::to_string(status));
}

std::size_t Verification::count(CheckOutcome outcome) const {
  return static_cast<std::size_t>(
      std::ranges::count(milestones, outcome, &MilestoneCheck::outcome));
}

Result<Verification> verify_proof_of_record(const bj::value& proof_of_record,
                                            std::string_view delivery_id, eth::RpcClient& rpc) {
  const auto* o = proof_of_record.if_object();
  if (o == nullptr) return std::unexpected(malformed("body", "must be a JSON object"));
  const auto chain_id = count_of(o->if_contains("chain_id"));
  const auto* contract_text = text_at(*o, "contract");
  const auto contract =
      contract_text != nullptr ? eth::address_from_hex(*contract_text) : std::nullopt;
  const auto* records = o->if_contains("records");
  if (!chain_id || !contract || records == nullptr || !records->is_array())
    return std::unexpected(
        malformed("body", "needs chain_id, contract (an address) and records (an array)"));
  RF_TRY(served, rpc.chain_id());
  if (*served != *chain_id)
    return fail(ErrorCode::conflict, "the RPC serves chain " + std::to_string(*served) +
                                         ", the proof of record names chain " +
                                         std::to_string(*chain_id));
  Verification out{.delivery_id = std::string(delivery_id), .milestones = {}};
  const auto& items = records->get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    RF_TRY(claimed, claimed_of(items[i], i));
    RF_TRY(checked, check(*claimed, delivery_id, rpc, *contract));
    out.milestones.push_back(std::move(*checked));
  }
  return out;
}

}  // namespace reskflow::chain
