// libcurl's global initialisation, easy handles and failure mapping for the senders.
#include "curl_easy.h"

#include <openssl/evp.h>

#include <mutex>

namespace reskflow::notifications::curl {

Result<Easy> easy() {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Easy handle(curl_easy_init());
  if (!handle) return fail(ErrorCode::unavailable, "libcurl could not start a transfer");
  return handle;
}

Error transfer_error(CURLcode code, std::string_view what, std::string_view detail) {
  const auto text = std::string(what) + ": " +
                    (detail.empty() ? std::string(curl_easy_strerror(code)) : std::string(detail));
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return {ErrorCode::timeout, text};
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_WEIRD_SERVER_REPLY: return {ErrorCode::unavailable, text};
    default: return {ErrorCode::validation_failed, text};
  }
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace reskflow::notifications::curl
