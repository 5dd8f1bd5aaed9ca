// The stablecoin's symbol and decimals read from its contract (symbol() and decimals() by
// eth_call): configuration may name them too, but a configured decimals that is not the token's
// would pay every order in the wrong amount, so it is refused (docs/payments.md, "The token").
#include <algorithm>

#include "crypto_provider.h"
#include "reskflow/chain/eth/abi.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/money.h"

namespace reskflow::payments {

namespace eth = chain::eth;

namespace {

constexpr std::size_t symbol_bytes_max = 32;

// What symbol() answered: an ABI string, or (older tokens) a bytes32 padded with zeros; empty
// when it is neither or holds anything but printable ASCII.
std::string symbol_of(const eth::Bytes& answer) {
  auto text = answer.size() == 32 ? std::string(answer.begin(), answer.end())
                                  : eth::abi::decode_string(answer, symbol_bytes_max).value_or("");
  text.erase(std::find(text.begin(), text.end(), '\0'), text.end());
  if (!std::ranges::all_of(text, [](char ch) { return ch > ' ' && ch < 0x7f; })) return {};
  return text;
}

}  // namespace

Result<crypto::TokenFacts> CryptoProvider::read_token() {
  RF_TRY(decimals_answer,
         rpc_.call_contract(token_, eth::abi::encode_call(eth::abi::selector("decimals()"), {})));
  const auto words = eth::abi::decode_words(*decimals_answer);
  const auto decimals =
      words && words->size() == 1 ? eth::abi::word_to_uint(words->front()) : std::nullopt;
  if (!decimals || *decimals > static_cast<std::uint64_t>(crypto::token_decimals_max))
    return fail(ErrorCode::validation_failed,
                "RESKFLOW_PAYMENTS_CRYPTO_TOKEN " + settings_.token +
                    " answers no ERC-20 decimals(): is it the token's contract on this chain?");
  const auto on_chain = static_cast<int>(*decimals);
  if (settings_.decimals && *settings_.decimals != on_chain)
    return fail(ErrorCode::validation_failed, "RESKFLOW_PAYMENTS_CRYPTO_TOKEN_DECIMALS is " +
                                                  std::to_string(*settings_.decimals) +
                                                  " but the token " + settings_.token + " has " +
                                                  std::to_string(on_chain) +
                                                  " decimals: correct the setting or remove it");
  if (on_chain < modules::minor_exponent(settings_.currency))
    return fail(ErrorCode::validation_failed,
                "the token " + settings_.token + " has " + std::to_string(on_chain) +
                    " decimals, fewer than " + settings_.currency + "'s minor digits");
  RF_TRY(symbol_answer,
         rpc_.call_contract(token_, eth::abi::encode_call(eth::abi::selector("symbol()"), {})));
  crypto::TokenFacts facts{symbol_of(*symbol_answer), on_chain};
  if (!settings_.symbol.empty()) {
    if (settings_.symbol != facts.symbol)
      log::warn("payments_crypto_token_symbol_differs",
                {{"configured", settings_.symbol}, {"on_chain", facts.symbol}});
    facts.symbol = settings_.symbol;
  }
  return facts;
}

Result<crypto::TokenFacts> CryptoProvider::token() {
  const std::scoped_lock lock(token_mutex_);
  if (token_facts_) return *token_facts_;
  RF_TRY(facts, read_token());
  log::info("payments_crypto_token", {{"contract", settings_.token},
                                      {"symbol", facts->symbol},
                                      {"decimals", std::to_string(facts->decimals)}});
  token_facts_ = *facts;
  return facts;
}

Result<int> CryptoProvider::decimals() {
  auto facts = token();
  if (facts) return facts->decimals;
  // Capturing and refunding move no token at once: the configured decimals serve while the node
  // is out of reach.
  if (facts.error().code != ErrorCode::validation_failed && settings_.decimals)
    return *settings_.decimals;
  return std::unexpected(facts.error());
}

}  // namespace reskflow::payments
