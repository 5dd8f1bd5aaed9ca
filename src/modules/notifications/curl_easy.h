// libcurl for the senders: one process-wide curl_global_init, an owning easy handle, and the
// mapping of a transfer's failure onto the error codes the send queue retries or not.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"

namespace reskflow::notifications::curl {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;

struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using List = std::unique_ptr<curl_slist, ListDeleter>;

// A new easy handle (curl_global_init runs once first); unavailable when libcurl cannot make one.
Result<Easy> easy();

// A failed transfer: timeout past the deadline; unavailable when the server cannot be reached or
// the exchange broke (worth retrying); validation_failed when the server refused the message
// or TLS could not be set up as demanded (retrying would not help).
Error transfer_error(CURLcode code, std::string_view what, std::string_view detail);

std::string base64(std::string_view bytes);

}  // namespace reskflow::notifications::curl
