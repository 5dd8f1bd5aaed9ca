// SMS through Twilio's Messages API with libcurl (form-encoded POST, basic auth), and the
// X-Twilio-Signature scheme of its status callbacks.
#include <openssl/crypto.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

#include <algorithm>
#include <array>

#include "channels.h"
#include "curl_easy.h"
#include "reskflow/core/trace_client.h"
#include "reskflow/modules/form_encoding.h"

namespace reskflow::notifications {
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Twilio's error document: {"code": 21211, "message": "The 'To' number ... is not valid."}.
std::string twilio_message(const std::string& body) {
  boost::system::error_code ec;
  const auto doc = boost::json::parse(body, ec);
  if (!ec && doc.is_object()) {
    if (const auto* m = doc.as_object().if_contains("message"); m != nullptr && m->is_string())
      return std::string(m->as_string());
  }
  return "no explanation given";
}

class TwilioSender final : public Sender {
 public:
  explicit TwilioSender(TwilioOptions options) : options_(std::move(options)) {}

  Result<Accepted> send(const Outgoing& message) override {
    std::vector<std::pair<std::string, std::string>> fields{
        {"To", message.to}, {"From", options_.from}, {"Body", message.text}};
    if (!options_.status_callback_url.empty())
      fields.emplace_back("StatusCallback", options_.status_callback_url);
    RF_TRY(answer, post(modules::form_encode(fields)));
    const auto& [status, body] = *answer;
    if (status == 201 || status == 200) {
      boost::system::error_code ec;
      const auto doc = boost::json::parse(body, ec);
      const auto* object = ec ? nullptr : doc.if_object();
      const auto* sid = object == nullptr ? nullptr : object->if_contains("sid");
      if (sid == nullptr || !sid->is_string())
        return fail(ErrorCode::unavailable, "Twilio accepted the message without a sid");
      const auto* state = object->if_contains("status");
      return Accepted{std::string(sid->as_string()), state != nullptr && state->is_string()
                                                         ? std::string(state->as_string())
                                                         : std::string("queued")};
    }
    const auto detail = "Twilio answered " + std::to_string(status) + ": " + twilio_message(body);
    if (status == 429 || status >= 500) return fail(ErrorCode::unavailable, detail);
    return fail(ErrorCode::validation_failed, detail);
  }

 private:
  Result<std::pair<long, std::string>> post(const std::string& form) {
    RF_TRY(handle, curl::easy());
    CURL* h = handle->get();
    const auto url =
        options_.base_url + "/2010-04-01/Accounts/" + options_.account_sid + "/Messages.json";
    std::string body;
    std::array<char, CURL_ERROR_SIZE> error{};
    curl::List headers;
    trace::ClientSpan span("POST", url);
    for (const auto& [name, value] : span.headers())
      headers.reset(curl_slist_append(headers.release(),
                                      std::string(name).append(": ").append(value).c_str()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(h, CURLOPT_USERNAME, options_.account_sid.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, options_.auth_token.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, form.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(form.size()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error.data());
    const auto code = curl_easy_perform(h);
    if (code != CURLE_OK) {
      auto failure = curl::transfer_error(code, "twilio", error.data());
      span.failed(failure);
      return std::unexpected(std::move(failure));
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    span.answered(static_cast<int>(status));
    return std::pair{status, std::move(body)};
  }

  TwilioOptions options_;
};

}  // namespace

std::unique_ptr<Sender> make_twilio_sender(TwilioOptions options) {
  return std::make_unique<TwilioSender>(std::move(options));
}

std::string twilio_signature(std::string_view auth_token, std::string_view url,
                             std::vector<std::pair<std::string, std::string>> params) {
  std::ranges::sort(params);
  std::string data(url);
  for (const auto& [name, value] : params) data += name + value;
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  HMAC(EVP_sha1(), auth_token.data(), static_cast<int>(auth_token.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(), &size);
  return curl::base64({reinterpret_cast<const char*>(mac.data()), size});
}

bool verify_twilio_signature(std::string_view auth_token, std::string_view url,
                             const std::vector<std::pair<std::string, std::string>>& params,
                             std::string_view signature) {
  const auto expected = twilio_signature(auth_token, url, params);
  return expected.size() == signature.size() &&
         CRYPTO_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

}  // namespace reskflow::notifications
