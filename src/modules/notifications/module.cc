// The notifications module's construction, migrations, routes, consumers, WebSocket topics and
// dispatcher.
#include "module.h"

#include "consumed.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/core/ws_hub.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/settings.h"
#include "reskflow/modules/topics.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_notifications();

namespace reskflow::notifications {

std::string topic_of(std::string_view user_id) {
  return std::string(topic_family) + "." + std::string(user_id) + std::string(topic_suffix);
}

NotificationsModuleImpl::NotificationsModuleImpl(const modules::Platform& platform, Deps deps,
                                                 const NotificationsSettings& settings,
                                                 Senders senders, modules::Clock clock)
    : platform_(platform),
      deps_(deps),
      settings_(settings),
      metrics_(platform.metrics),
      service_(platform.database, deps.directory, std::move(senders), settings, metrics_,
               std::move(clock)),
      dispatcher_(modules::leased_loop(platform, "notifications_dispatch",
                                       std::chrono::milliseconds(settings.dispatch_interval_ms),
                                       [this] { dispatch(); })) {}

std::span<const store::EmbeddedFile> NotificationsModuleImpl::migrations() const {
  return reskflow_migrations_notifications();
}

Status NotificationsModuleImpl::add_routes(http::Router& router) {
  auto routes = me_routes(service_);
  for (auto& r : push_routes(service_)) routes.push_back(std::move(r));
  for (auto& r : admin_routes(service_, settings_)) routes.push_back(std::move(r));
  return router.add_all(std::move(routes));
}

Status NotificationsModuleImpl::start() {
  if (auto ok = service_.load_vapid_keys(); !ok) return ok;
  for (const auto pattern : consumed_patterns) {
    auto subscribed = platform_.events.subscribe(
        std::string(consumer_events) + "." + std::string(pattern.substr(0, pattern.find('.'))),
        std::string(pattern), [this](const bus::Envelope& e) { return on_event(e); });
    if (!subscribed) return subscribed;
  }
  if (auto ok = platform_.events.subscribe(
          std::string(consumer_identity_mail), std::string(identity::events::email_requested),
          [this](const bus::Envelope& e) { return service_.on_mail_requested(e); });
      !ok)
    return ok;
  if (auto ok = platform_.events.subscribe(
          std::string(consumer_chat), "chat.>",
          [this](const bus::Envelope& e) { return service_.on_chat_event(e); });
      !ok)
    return ok;
  if (auto ok = platform_.events.subscribe(
          std::string(consumer_erasure), std::string(identity::events::user_erased),
          [this](const bus::Envelope& e) { return service_.on_user_erased(e); });
      !ok)
    return ok;
  if (auto ok = modules::add_topic_families(platform_.hub, {topic_family}, *this,
                                            &NotificationsModuleImpl::authorize_topic);
      !ok)
    return ok;
  queued_ =
      platform_.database.on_commit(std::string(consumer_events), [this] { dispatcher_.wake(); });
  dispatcher_.start();
  return {};
}

void NotificationsModuleImpl::stop() {
  queued_ = {};
  dispatcher_.stop(std::chrono::milliseconds(platform_.config.shutdown_timeout_ms));
}

Status NotificationsModuleImpl::on_event(const bus::Envelope& event) {
  RF_TRY(added, service_.on_event(event));
  publish(*added);
  return {};
}

void NotificationsModuleImpl::publish(const std::vector<InboxItem>& items) {
  for (const auto& item : items) {
    auto message = inbox_item_json(item);
    message["type"] = "notification";
    platform_.hub.publish(topic_of(item.user_id), json::serialize(message));
  }
}

// user.<id>.notifications: only that user.
Status NotificationsModuleImpl::authorize_topic(const http::Request& upgrade,
                                                std::string_view topic) {
  auto who = upgrade.principal ? Result<http::Principal>(*upgrade.principal)
                               : deps_.authenticator.required(upgrade);
  if (!who) return std::unexpected(who.error());
  if (topic != topic_of(who->subject)) return fail(ErrorCode::not_found, "no such topic");
  return {};
}

void NotificationsModuleImpl::dispatch() {
  if (auto told = service_.tell_due_chat_notices(); told) {
    publish(*told);
  } else {
    metrics_.dispatch_failures.inc();
    log::warn("notifications_chat_notices_failed", {{"detail", told.error().detail}});
  }
  auto report = service_.dispatch();
  if (!report) {
    metrics_.dispatch_failures.inc();
    log::warn("notifications_dispatch_failed", {{"detail", report.error().detail}});
  }
}

Result<std::unique_ptr<NotificationsModule>> make_module(const modules::Platform& platform,
                                                         Deps deps) {
  auto settings = load_settings(platform.config, modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  const std::chrono::milliseconds timeout(settings->send_timeout_ms);
  Senders senders;
  if (!settings->smtp_url.empty()) {
    senders.email = make_smtp_sender(
        {settings->smtp_url, settings->mail_from, settings->smtp_ca_file, timeout});
  } else if (!settings->mail_file.empty()) {
    senders.email = std::make_unique<FileMailSender>(settings->mail_file);
  }
  if (!settings->twilio_account_sid.empty()) {
    senders.sms = make_twilio_sender({settings->twilio_base_url, settings->twilio_account_sid,
                                      settings->twilio_auth_token, settings->twilio_from,
                                      settings->twilio_status_callback_url, timeout});
  }
  senders.push = make_push_sender({settings->vapid_subject,
                                   std::chrono::seconds(settings->push_ttl_s),
                                   timeout,
                                   {},
                                   settings->push_allow_loopback_http});
  return std::make_unique<NotificationsModuleImpl>(platform, deps, *settings, std::move(senders));
}

}  // namespace reskflow::notifications
