// Mail over SMTP with libcurl: STARTTLS demanded on smtp://, a multipart/alternative message with
// base64 parts, and the SMTP reply code deciding whether a refusal is worth retrying.
#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "channels.h"
#include "curl_easy.h"
#include "reskflow/core/json_text.h"

namespace reskflow::notifications {
namespace {

// An RFC 2047 encoded word when the header is not plain ASCII.
std::string header_text(std::string_view text) {
  const bool ascii = std::ranges::all_of(
      text, [](char c) { return static_cast<unsigned char>(c) < 128 && c != '\r' && c != '\n'; });
  return ascii ? std::string(text) : "=?UTF-8?B?" + curl::base64(text) + "?=";
}

// Base64 in lines of 76 characters, as MIME wants.
std::string base64_lines(std::string_view bytes) {
  const auto encoded = curl::base64(bytes);
  std::string out;
  for (std::size_t at = 0; at < encoded.size(); at += 76) out += encoded.substr(at, 76) + "\r\n";
  return out;
}

std::string rfc5322_date() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto t = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  std::array<char, 64> text{};
  const auto n = std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return {text.data(), n};
}

std::string mime_message(const std::string& from, const Outgoing& m) {
  const std::string boundary = "=_reskflow_" + m.send_id;
  std::string out = "From: " + from + "\r\nTo: " + m.to + "\r\nSubject: " + header_text(m.subject) +
                    "\r\nDate: " + rfc5322_date() + "\r\nMessage-ID: <" + m.send_id +
                    "@reskflow>\r\nMIME-Version: 1.0\r\n";
  const auto part = [](std::string_view type, std::string_view body) {
    return "Content-Type: " + std::string(type) +
           "; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64_lines(body);
  };
  if (m.html.empty()) return out + part("text/plain", m.text);
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n" + part("text/plain", m.text);
  out += "--" + boundary + "\r\n" + part("text/html", m.html);
  return out + "--" + boundary + "--\r\n";
}

// The address of "Name <address>" for the SMTP envelope (MAIL FROM takes the address only).
std::string envelope_address(const std::string& from) {
  const auto open = from.rfind('<');
  const auto close = from.rfind('>');
  if (open == std::string::npos || close == std::string::npos || close < open) return from;
  return from.substr(open + 1, close - open - 1);
}

struct Upload {
  std::string_view data;
  std::size_t at = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto& upload = *static_cast<Upload*>(user);
  const auto n = std::min(size * count, upload.data.size() - upload.at);
  std::copy_n(upload.data.data() + upload.at, n, buffer);
  upload.at += n;
  return n;
}

class SmtpSender final : public Sender {
 public:
  explicit SmtpSender(SmtpOptions options) : options_(std::move(options)) {}

  Result<Accepted> send(const Outgoing& message) override {
    RF_TRY(handle, curl::easy());
    CURL* h = handle->get();
    const auto text = mime_message(options_.from, message);
    Upload upload{text};
    curl::List recipients(curl_slist_append(nullptr, message.to.c_str()));
    std::array<char, CURL_ERROR_SIZE> error{};
    curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
    const auto sender = envelope_address(options_.from);
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, sender.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error.data());
    const auto code = curl_easy_perform(h);
    if (code == CURLE_OK) return Accepted{"<" + message.send_id + "@reskflow>", "accepted"};
    long reply = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
    // 5yz is a permanent refusal (RFC 5321 §4.2.1), 4yz a transient one.
    if (reply >= 500)
      return fail(ErrorCode::validation_failed,
                  "the mail server refused: " + std::string(error.data()));
    if (reply >= 400)
      return fail(ErrorCode::unavailable, "the mail server deferred: " + std::string(error.data()));
    return std::unexpected(curl::transfer_error(code, "smtp", error.data()));
  }

 private:
  SmtpOptions options_;
};

}  // namespace

std::unique_ptr<Sender> make_smtp_sender(SmtpOptions options) {
  return std::make_unique<SmtpSender>(std::move(options));
}

bool retryable(const Error& error) {
  return error.code == ErrorCode::unavailable || error.code == ErrorCode::timeout ||
         error.code == ErrorCode::storage_busy;
}

Result<Accepted> FileMailSender::send(const Outgoing& message) {
  const std::filesystem::path path(path_);
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  boost::json::object line{{"to", message.to},
                           {"subject", message.subject},
                           {"body", message.text},
                           {"event_id", message.send_id}};
  if (!message.html.empty()) line["html"] = message.html;
  const std::lock_guard lock(mutex_);
  std::ofstream out(path, std::ios::app);
  out << json::serialize(line) << '\n';
  out.flush();
  if (!out) return fail(ErrorCode::unavailable, "cannot append to the mail file " + path_);
  return Accepted{message.send_id, "written"};
}

}  // namespace reskflow::notifications
