// JSON-RPC over libcurl: one POST per call on a kept-alive handle, parsed with Boost.JSON.
#include "reskflow/chain/eth/rpc.h"

#include <curl/curl.h>

#include <algorithm>

#include <boost/json/parse.hpp>

#include "reskflow/core/json_text.h"
#include "reskflow/core/trace_client.h"

namespace reskflow::chain::eth {
namespace json = boost::json;
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

Result<std::uint64_t> quantity(const json::value& v, std::string_view what) {
  const auto* s = v.if_string();
  const auto n = s != nullptr ? quantity_from_hex(*s) : std::nullopt;
  if (!n) return fail(ErrorCode::unavailable, "the node answered a malformed " + std::string(what));
  return *n;
}

Result<Word> word(const json::value& v, std::string_view what) {
  const auto* s = v.if_string();
  const auto w = s != nullptr ? word_from_hex(*s) : std::nullopt;
  if (!w) return fail(ErrorCode::unavailable, "the node answered a malformed " + std::string(what));
  return *w;
}

// A quantity of up to 256 bits ("0x1bc16d674ec80000") as a big-endian word.
Result<Word> big_quantity(const json::value& v, std::string_view what) {
  const auto* s = v.if_string();
  const auto digits = s != nullptr && s->starts_with("0x") ? std::string_view(*s).substr(2) : "";
  const auto w = !digits.empty() && digits.size() <= 64
                     ? word_from_hex(std::string(64 - digits.size(), '0') + std::string(digits))
                     : std::nullopt;
  if (!w) return fail(ErrorCode::unavailable, "the node answered a malformed " + std::string(what));
  return *w;
}

Result<Receipt> receipt_of(const json::object& o) {
  Receipt r;
  RF_TRY(hash, word(o.contains("transactionHash") ? o.at("transactionHash") : nullptr, "receipt"));
  r.transaction_hash = *hash;
  for (const auto& [key, target] :
       {std::pair{"blockNumber", &r.block_number}, std::pair{"gasUsed", &r.gas_used}}) {
    RF_TRY(n, quantity(o.contains(key) ? o.at(key) : nullptr, "receipt"));
    *target = *n;
  }
  const auto* status = o.if_contains("status");
  r.succeeded = status != nullptr && status->is_string() && status->get_string() == "0x1";
  if (const auto* price = o.if_contains("effectiveGasPrice"); price != nullptr)
    r.effective_gas_price = quantity(*price, "receipt").value_or(0);
  if (const auto* created = o.if_contains("contractAddress");
      created != nullptr && created->is_string())
    r.contract_address = address_from_hex(created->get_string());
  return r;
}

json::string hex_of(std::span<const std::uint8_t> bytes) { return json::string(to_hex(bytes)); }

// What a transfer to the node came to: the body of a 200, or why there is none.
Result<std::string> answer_of(CURLcode code, long status, std::string body) {
  if (code == CURLE_OPERATION_TIMEDOUT)
    return fail(ErrorCode::timeout, "the Ethereum node did not answer in time");
  if (code != CURLE_OK)
    return fail(ErrorCode::unavailable,
                std::string("the Ethereum node cannot be reached: ") + curl_easy_strerror(code));
  if (status != 200)
    return fail(ErrorCode::unavailable,
                "the Ethereum node answered HTTP " + std::to_string(status));
  return body;
}

}  // namespace

RpcClient::RpcClient(std::string url, std::chrono::milliseconds timeout)
    : url_(std::move(url)), timeout_(timeout), curl_(curl_easy_init()) {}

RpcClient::~RpcClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

// A client span of the caller's trace around each call; the URL may carry an API key, so the
// span shows its origin only.
Result<std::string> RpcClient::post(const std::string& body) {
  trace::ClientSpan span("POST", url_, trace::UrlShown::origin_only);
  auto* curl = static_cast<CURL*>(curl_);
  std::string answer;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  for (const auto& [name, value] : span.headers())
    headers = curl_slist_append(headers, std::string(name).append(": ").append(value).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  const CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  auto out = answer_of(code, status, std::move(answer));
  if (code == CURLE_OK)
    span.answered(static_cast<int>(status));
  else
    span.failed(out.error());
  return out;
}

Result<json::value> RpcClient::call(std::string_view method, json::array params) {
  const std::scoped_lock lock(mutex_);
  const json::object request{
      {"jsonrpc", "2.0"}, {"id", next_id_++}, {"method", method}, {"params", std::move(params)}};
  RF_TRY(text, post(reskflow::json::serialize(request)));
  boost::system::error_code ec;
  auto answer = json::parse(*text, ec);
  if (ec || !answer.is_object())
    return fail(ErrorCode::unavailable, "the Ethereum node answered no JSON-RPC object");
  auto& o = answer.as_object();
  if (const auto* error = o.if_contains("error"); error != nullptr && error->is_object()) {
    const auto* message = error->as_object().if_contains("message");
    return fail(ErrorCode::conflict, std::string(method) + ": " +
                                         (message != nullptr && message->is_string()
                                              ? std::string(message->get_string())
                                              : std::string("the node refused the call")));
  }
  if (!o.contains("result"))
    return fail(ErrorCode::unavailable, "the Ethereum node answered without a result");
  return std::move(o["result"]);
}

Result<std::uint64_t> RpcClient::chain_id() {
  RF_TRY(v, call("eth_chainId", {}));
  return quantity(*v, "chain id");
}

Result<std::uint64_t> RpcClient::block_number() {
  RF_TRY(v, call("eth_blockNumber", {}));
  return quantity(*v, "block number");
}

Result<std::uint64_t> RpcClient::transaction_count(const Address& account, std::string_view block) {
  RF_TRY(v, call("eth_getTransactionCount", {hex_of(account), json::string(block)}));
  return quantity(*v, "transaction count");
}

Result<Word> RpcClient::balance(const Address& account) {
  RF_TRY(v, call("eth_getBalance", {hex_of(account), "latest"}));
  return big_quantity(*v, "balance");
}

Result<FeeMarket> RpcClient::fee_market(std::uint64_t blocks, double reward_percentile) {
  RF_TRY(v, call("eth_feeHistory",
                 {json::string(quantity_hex(blocks)), "latest", json::array{reward_percentile}}));
  const auto* o = v->if_object();
  const auto* base = o != nullptr ? o->if_contains("baseFeePerGas") : nullptr;
  if (base == nullptr || !base->is_array() || base->as_array().empty())
    return fail(ErrorCode::unavailable, "the node answered a malformed fee history");
  FeeMarket market;
  RF_TRY(next, quantity(base->as_array().back(), "fee history"));
  market.next_base_fee = *next;
  std::vector<std::uint64_t> rewards;
  if (const auto* reward = o->if_contains("reward"); reward != nullptr && reward->is_array()) {
    for (const auto& block : reward->as_array()) {
      if (!block.is_array() || block.as_array().empty()) continue;
      rewards.push_back(quantity(block.as_array().front(), "fee history").value_or(0));
    }
  }
  if (!rewards.empty()) {
    std::ranges::nth_element(rewards,
                             rewards.begin() + static_cast<std::ptrdiff_t>(rewards.size() / 2));
    market.priority_fee = rewards[rewards.size() / 2];
  }
  return market;
}

Result<Word> RpcClient::send_raw_transaction(const Bytes& raw) {
  RF_TRY(v, call("eth_sendRawTransaction", {hex_of(raw)}));
  return word(*v, "transaction hash");
}

Result<std::optional<Receipt>> RpcClient::receipt(const Word& transaction_hash) {
  RF_TRY(v, call("eth_getTransactionReceipt", {hex_of(transaction_hash)}));
  if (v->is_null()) return std::optional<Receipt>{};
  if (!v->is_object()) return fail(ErrorCode::unavailable, "the node answered a malformed receipt");
  RF_TRY(r, receipt_of(v->as_object()));
  return std::optional<Receipt>{*r};
}

Result<bool> RpcClient::knows_transaction(const Word& transaction_hash) {
  RF_TRY(v, call("eth_getTransactionByHash", {hex_of(transaction_hash)}));
  return !v->is_null();
}

Result<Bytes> RpcClient::call_contract(const Address& to, const Bytes& data) {
  RF_TRY(v, call("eth_call", {json::object{{"to", hex_of(to)}, {"data", hex_of(data)}}, "latest"}));
  const auto* s = v->if_string();
  auto bytes = s != nullptr ? from_hex(*s) : std::nullopt;
  if (!bytes) return fail(ErrorCode::unavailable, "the node answered a malformed call result");
  return *bytes;
}

Result<std::uint64_t> RpcClient::estimate_gas(const Address& from, const std::optional<Address>& to,
                                              const Bytes& data) {
  json::object tx{{"from", hex_of(from)}, {"data", hex_of(data)}};
  if (to) tx["to"] = hex_of(*to);
  RF_TRY(v, call("eth_estimateGas", {std::move(tx)}));
  return quantity(*v, "gas estimate");
}

}  // namespace reskflow::chain::eth
