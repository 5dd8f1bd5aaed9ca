// The SMTP server of the mail tests as a child process: its certificate, its command pipe and
// the events it reports, read with a deadline.
#include "reskflow/testing/smtp_peer.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <poll.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <memory>

#include "reskflow/testing/paths.h"

namespace reskflow::testing {
namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

Certificate self_signed(EVP_PKEY* key) {
  Certificate cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key);
  auto* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  for (const auto& [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                                   std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
    auto* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(cert.get(), key, EVP_sha256());
  return cert;
}

using File = std::unique_ptr<FILE, decltype(&std::fclose)>;

boost::json::object event_of(const std::string& line) {
  boost::system::error_code ec;
  auto value = boost::json::parse(line, ec);
  if (ec || !value.is_object()) return {{"event", "unreadable"}, {"line", line}};
  return std::move(value.as_object());
}

}  // namespace

TestCertificate write_test_certificate(const std::filesystem::path& dir) {
  const Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  const auto cert = self_signed(key.get());
  TestCertificate out{dir / "smtp-cert.pem", dir / "smtp-key.pem"};
  const File cert_out(std::fopen(out.cert_file.c_str(), "w"), std::fclose);
  PEM_write_X509(cert_out.get(), cert.get());
  const File key_out(std::fopen(out.key_file.c_str(), "w"), std::fclose);
  PEM_write_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return out;
}

SmtpPeer::SmtpPeer(const SmtpPeerOptions& options) {
  std::array<int, 2> commands{};
  if (::pipe2(commands.data(), O_CLOEXEC) != 0) return;
  ::fcntl(commands[0], F_SETFD, 0);  // the child keeps the reading end only
  std::string command = "exec node " + (source_dir() / "tests/support/smtp_server.mjs").string() +
                        " " + std::to_string(commands[0]) + " " +
                        options.certificate.cert_file.string() + " " +
                        options.certificate.key_file.string();
  if (!options.starttls) command += " --no-starttls";
  if (!options.user.empty()) command += " --auth " + options.user + ":" + options.password;
  output_ = ::popen(command.c_str(), "re");
  ::close(commands[0]);
  commands_ = commands[1];
  if (output_ == nullptr) return;
  const auto listening = next("listening", std::chrono::seconds(30));
  if (listening) port_ = static_cast<std::uint16_t>(listening->at("port").to_number<int>());
}

SmtpPeer::~SmtpPeer() {
  if (commands_ >= 0) ::close(commands_);
  if (output_ != nullptr) ::pclose(output_);
}

std::optional<std::string> SmtpPeer::line(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (const auto end = buffered_.find('\n'); end != std::string::npos) {
      auto out = buffered_.substr(0, end);
      buffered_.erase(0, end + 1);
      return out;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{::fileno(output_), POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0)
      return std::nullopt;
    std::array<char, 4096> chunk{};
    const auto n = ::read(::fileno(output_), chunk.data(), chunk.size());
    if (n <= 0) return std::nullopt;  // the server exited
    buffered_.append(chunk.data(), static_cast<std::size_t>(n));
  }
}

std::optional<boost::json::object> SmtpPeer::next(std::chrono::milliseconds timeout) {
  if (!pending_.empty()) {
    auto out = std::move(pending_.front());
    pending_.erase(pending_.begin());
    return out;
  }
  if (output_ == nullptr) return std::nullopt;
  const auto text = line(timeout);
  if (!text) return std::nullopt;
  return event_of(*text);
}

std::optional<boost::json::object> SmtpPeer::next(std::string_view event,
                                                  std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto got = next(std::max(left, std::chrono::milliseconds(0)));
    if (!got) return std::nullopt;
    if (got->at("event").as_string() == event) return got;
  }
}

bool SmtpPeer::command(std::string_view command, std::chrono::milliseconds timeout) {
  const auto text = std::string(command) + "\n";
  if (::write(commands_, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
    return false;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<boost::json::object> before;
  bool taken = false;
  while (!taken && output_ != nullptr) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const auto got = line(std::max(left, std::chrono::milliseconds(0)));
    if (!got) break;
    auto value = event_of(*got);
    const auto* said = value.if_contains("command");
    if (said != nullptr && said->is_string() && said->as_string() == command) {
      taken = true;
    } else {
      before.push_back(std::move(value));
    }
  }
  pending_.insert(pending_.end(), before.begin(), before.end());
  return taken;
}

}  // namespace reskflow::testing
