// Stripe's PaymentIntents and Refunds over HTTPS, and its webhook signatures.
#include "stripe_provider.h"

#include <openssl/crypto.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

#include <cctype>
#include <charconv>

#include "form_client.h"
#include "reskflow/modules/form_encoding.h"

namespace reskflow::payments {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const boost::json::object* object_at(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr ? v->if_object() : nullptr;
}

std::string string_at(const boost::json::object* o, std::string_view key) {
  if (o == nullptr) return {};
  const auto* v = o->if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// A PaymentIntent as a Charge: requires_capture is our authorized.
Charge charge_of_intent(const boost::json::object& pi) {
  const auto status = string_at(&pi, "status");
  Charge c{string_at(&pi, "id"), ChargeStatus::declined, {}, {}};
  if (status == "requires_capture" || status == "succeeded") {
    c.status = ChargeStatus::authorized;
  } else if (status == "requires_action") {
    c.status = ChargeStatus::requires_action;
    const auto* next = object_at(pi, "next_action");
    c.challenge_url = next != nullptr ? string_at(object_at(*next, "redirect_to_url"), "url") : "";
  } else {
    c.decline_reason = string_at(object_at(pi, "last_payment_error"), "message");
    if (c.decline_reason.empty()) c.decline_reason = "The card was declined.";
  }
  return c;
}

Result<boost::json::object> parse(std::string_view body) {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec || !value.is_object())
    return fail(ErrorCode::unavailable, "the payment provider answered something other than JSON");
  return std::move(value.as_object());
}

std::string hmac_hex(std::string_view secret, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &size);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(hex[mac[i] >> 4U]);
    out.push_back(hex[mac[i] & 15U]);
  }
  return out;
}

}  // namespace

StripeProvider::StripeProvider(const PaymentsSettings& settings)
    : base_url_(settings.stripe_base_url),
      secret_key_(settings.stripe_secret_key),
      timeout_(settings.stripe_timeout_ms) {}

// The body of a 2xx answer; a card error (402) is the caller's to read from the body too.
Result<std::string> StripeProvider::call(
    std::string_view path, const std::vector<std::pair<std::string, std::string>>& form,
    std::string_view idempotency_key) {
  RF_TRY(response, post_form(base_url_, path, modules::form_encode(form, "[]"),
                             {{"Authorization", "Bearer " + secret_key_},
                              {"Idempotency-Key", std::string(idempotency_key)}},
                             timeout_));
  if ((response->status >= 200 && response->status < 300) || response->status == 402)
    return std::move(response->body);
  if (response->status >= 500 || response->status == 429)
    return fail(ErrorCode::unavailable, "the payment provider is unavailable; try again");
  auto body = parse(response->body);
  const auto message = body ? string_at(object_at(*body, "error"), "message") : std::string();
  return fail(response->status == 409 ? ErrorCode::conflict : ErrorCode::validation_failed,
              "the payment provider refused the request: " + message);
}

Result<Charge> StripeProvider::authorize(const ChargeRequest& r) {
  RF_TRY(body,
         call("/v1/payment_intents",
              {{"amount", std::to_string(r.amount.amount_minor)},
               {"currency", lower(r.amount.currency)},
               {"payment_method", r.payment_method},
               {"capture_method", "manual"},
               {"payment_method_options[card][request_incremental_authorization]", "if_available"},
               {"confirm", "true"},
               {"description", r.description}},
              r.idempotency_key));
  RF_TRY(object, parse(*body));
  if (const auto* error = object_at(*object, "error")) {  // a card error (402)
    const auto* intent = object_at(*error, "payment_intent");
    return Charge{string_at(intent, "id"), ChargeStatus::declined, string_at(error, "message"), {}};
  }
  return charge_of_intent(*object);
}

Result<std::string> StripeProvider::challenge_code(std::string_view) {
  return fail(ErrorCode::invalid_transition,
              "the payer completes this card's challenge on the bank's own page");
}

Result<Charge> StripeProvider::complete_challenge(std::string_view, std::string_view) {
  return fail(ErrorCode::invalid_transition,
              "the payer completes this card's challenge on the bank's own page");
}

Status StripeProvider::capture(std::string_view reference, const modules::Money& amount,
                               std::string_view key) {
  RF_TRY(body, call("/v1/payment_intents/" + std::string(reference) + "/capture",
                    {{"amount_to_capture", std::to_string(amount.amount_minor)}}, key));
  return {};
}

Status StripeProvider::refund(std::string_view reference, const modules::Money& amount,
                              std::string_view key) {
  RF_TRY(body, call("/v1/refunds",
                    {{"payment_intent", std::string(reference)},
                     {"amount", std::to_string(amount.amount_minor)}},
                    key));
  return {};
}

Status StripeProvider::cancel(std::string_view reference, std::string_view key) {
  RF_TRY(body, call("/v1/payment_intents/" + std::string(reference) + "/cancel", {}, key));
  return {};
}

// A card that cannot be raised (a card error, 402) is a decline; the PaymentIntent keeps its
// amount either way.
Result<Charge> StripeProvider::increment(std::string_view reference, const modules::Money& amount,
                                         std::string_view key) {
  RF_TRY(body, call("/v1/payment_intents/" + std::string(reference) + "/increment_authorization",
                    {{"amount", std::to_string(amount.amount_minor)}}, key));
  RF_TRY(object, parse(*body));
  if (const auto* error = object_at(*object, "error"))
    return Charge{std::string(reference), ChargeStatus::declined, string_at(error, "message"), {}};
  return charge_of_intent(*object);
}

Status verify_stripe_signature(std::string_view header, std::string_view payload,
                               std::string_view secret, std::int64_t now_s,
                               std::chrono::seconds tolerance) {
  std::int64_t t = -1;
  std::vector<std::string_view> signatures;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (item.starts_with("t=")) std::from_chars(item.data() + 2, item.data() + item.size(), t);
    if (item.starts_with("v1=")) signatures.push_back(item.substr(3));
  }
  if (t < 0 || signatures.empty())
    return fail(ErrorCode::bad_request, "the Stripe-Signature header is missing or malformed");
  if (now_s - t > tolerance.count() || t - now_s > tolerance.count())
    return fail(ErrorCode::bad_request, "the webhook's signature is too old or from the future");
  const auto expected = hmac_hex(secret, std::to_string(t) + "." + std::string(payload));
  for (const auto s : signatures) {
    if (s.size() == expected.size() && CRYPTO_memcmp(s.data(), expected.data(), s.size()) == 0)
      return {};
  }
  return fail(ErrorCode::bad_request, "the webhook's signature does not match");
}

Result<std::optional<Charge>> charge_of_stripe_event(std::string_view payload) {
  auto event = parse(payload);
  const auto* data = event ? object_at(*event, "data") : nullptr;
  const auto* intent = data != nullptr ? object_at(*data, "object") : nullptr;
  if (intent == nullptr)
    return fail(ErrorCode::validation_failed, "the webhook is not a Stripe event");
  const auto type = string_at(&*event, "type");
  if (type != "payment_intent.amount_capturable_updated" && type != "payment_intent.payment_failed")
    return std::optional<Charge>{};
  auto charge = charge_of_intent(*intent);
  if (type == "payment_intent.payment_failed") charge.status = ChargeStatus::declined;
  return std::optional<Charge>{std::move(charge)};
}

}  // namespace reskflow::payments
