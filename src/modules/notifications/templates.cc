// The notification templates (English, French, German) and the locale-aware formatting of the
// amounts and times they show.
#include "templates.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace reskflow::notifications {
namespace {

struct Wording {
  std::string_view title;
  std::string_view body;  // {order}, {amount}, {time}, {reason}
};

struct Template {
  std::string_view event_type;
  Kind kind;
  Wording en, fr, de;
};

constexpr std::array templates{
    Template{"orders.order.placed",
             Kind::order,
             {"Order received", "We received your order {order} of {amount} at {time}."},
             {"Commande reçue", "Nous avons reçu votre commande {order} de {amount} à {time}."},
             {"Bestellung erhalten",
              "Wir haben Ihre Bestellung {order} über {amount} am {time} "
              "erhalten."}},
    Template{"orders.order.accepted",
             Kind::order,
             {"Order accepted", "Your order {order} was accepted and is being prepared."},
             {"Commande acceptée", "Votre commande {order} a été acceptée et est en préparation."},
             {"Bestellung angenommen",
              "Ihre Bestellung {order} wurde angenommen und wird "
              "zubereitet."}},
    Template{"orders.order.rejected",
             Kind::order,
             {"Order declined", "The merchant declined your order {order}."},
             {"Commande refusée", "Le commerçant a refusé votre commande {order}."},
             {"Bestellung abgelehnt", "Der Händler hat Ihre Bestellung {order} abgelehnt."}},
    Template{"orders.order.picked_up",
             Kind::order,
             {"On its way", "Your order {order} was picked up at {time}."},
             {"En route", "Votre commande {order} a été récupérée à {time}."},
             {"Unterwegs", "Ihre Bestellung {order} wurde am {time} abgeholt."}},
    Template{"orders.order.delivered",
             Kind::order,
             {"Delivered", "Your order {order} of {amount} was delivered at {time}."},
             {"Livrée", "Votre commande {order} de {amount} a été livrée à {time}."},
             {"Geliefert", "Ihre Bestellung {order} über {amount} wurde am {time} geliefert."}},
    Template{"orders.order.cancelled",
             Kind::order,
             {"Order cancelled", "Your order {order} was cancelled at {time}."},
             {"Commande annulée", "Votre commande {order} a été annulée à {time}."},
             {"Bestellung storniert", "Ihre Bestellung {order} wurde am {time} storniert."}},
    Template{"orders.order.refunded",
             Kind::order,
             {"Order refunded", "Your order {order} of {amount} was refunded."},
             {"Commande remboursée", "Votre commande {order} de {amount} a été remboursée."},
             {"Bestellung erstattet", "Ihre Bestellung {order} über {amount} wurde erstattet."}},
    Template{"deliveries.delivery.assigned",
             Kind::delivery,
             {"Courier on the way", "A courier is on the way to pick up your order {order}."},
             {"Coursier en route", "Un coursier va chercher votre commande {order}."},
             {"Kurier unterwegs", "Ein Kurier holt Ihre Bestellung {order} ab."}},
    Template{"deliveries.delivery.at_dropoff",
             Kind::delivery,
             {"Your courier is here", "Your courier has arrived with your order {order}."},
             {"Votre coursier est là", "Votre coursier est arrivé avec votre commande {order}."},
             {"Ihr Kurier ist da", "Ihr Kurier ist mit Ihrer Bestellung {order} angekommen."}},
    Template{"deliveries.delivery.failed",
             Kind::delivery,
             {"Delivery failed", "We could not deliver your order {order}: {reason}"},
             {"Échec de la livraison",
              "Nous n'avons pas pu livrer votre commande {order} : "
              "{reason}"},
             {"Zustellung fehlgeschlagen",
              "Ihre Bestellung {order} konnte nicht zugestellt "
              "werden: {reason}"}},
    Template{"payments.intent.requires_action",
             Kind::payment,
             {"Confirm your payment",
              "Your bank asks you to confirm the payment of {amount} "
              "for your order {order}."},
             {"Confirmez votre paiement",
              "Votre banque vous demande de confirmer le paiement de "
              "{amount} pour votre commande {order}."},
             {"Zahlung bestätigen",
              "Ihre Bank bittet Sie, die Zahlung von {amount} für Ihre "
              "Bestellung {order} zu bestätigen."}},
    Template{"payments.intent.failed",
             Kind::payment,
             {"Payment failed", "The payment of {amount} for your order {order} failed: {reason}"},
             {"Échec du paiement",
              "Le paiement de {amount} pour votre commande {order} a "
              "échoué : {reason}"},
             {"Zahlung fehlgeschlagen",
              "Die Zahlung von {amount} für Ihre Bestellung {order} ist "
              "fehlgeschlagen: {reason}"}},
    Template{"payments.intent.refunded",
             Kind::payment,
             {"Refund on its way", "{amount} for your order {order} is on its way back to you."},
             {"Remboursement en cours",
              "{amount} pour votre commande {order} vous est "
              "remboursé."},
             {"Erstattung unterwegs",
              "{amount} für Ihre Bestellung {order} werden Ihnen "
              "erstattet."}},
    Template{"subscriptions.subscription.renewed",
             Kind::payment,
             {"Membership renewed", "We charged {amount} for another month of your membership."},
             {"Abonnement renouvelé",
              "Nous avons prélevé {amount} pour un mois de plus de votre abonnement."},
             {"Mitgliedschaft verlängert",
              "Wir haben {amount} für einen weiteren Monat Ihrer Mitgliedschaft abgebucht."}},
    Template{"subscriptions.subscription.renewal_failed",
             Kind::payment,
             {"Membership payment failed",
              "The monthly payment of {amount} for your membership failed: {reason} Your member "
              "benefits are paused until it is paid."},
             {"Échec du paiement de l'abonnement",
              "Le paiement mensuel de {amount} pour votre abonnement a échoué : {reason} Vos "
              "avantages sont suspendus jusqu'au paiement."},
             {"Zahlung der Mitgliedschaft fehlgeschlagen",
              "Die monatliche Zahlung von {amount} für Ihre Mitgliedschaft ist fehlgeschlagen: "
              "{reason} Ihre Vorteile ruhen bis zur Zahlung."}},
    Template{"subscriptions.subscription.ended",
             Kind::account,
             {"Membership ended", "Your membership ended on {time} ({reason})."},
             {"Abonnement terminé", "Votre abonnement a pris fin le {time} ({reason})."},
             {"Mitgliedschaft beendet", "Ihre Mitgliedschaft endete am {time} ({reason})."}},
    // Chat notices are keyed by the conversation's kind; they never quote the message.
    Template{"chat.message.sent.delivery",
             Kind::chat,
             {"New message", "You have a new message about your delivery."},
             {"Nouveau message", "Vous avez un nouveau message au sujet de votre livraison."},
             {"Neue Nachricht", "Sie haben eine neue Nachricht zu Ihrer Lieferung."}},
    Template{
        "chat.message.sent.support",
        Kind::chat,
        {"New message", "You have a new message in a support conversation."},
        {"Nouveau message", "Vous avez un nouveau message dans une conversation d'assistance."},
        {"Neue Nachricht", "Sie haben eine neue Nachricht in einem Support-Gespräch."}},
    Template{"identity.user.registered",
             Kind::account,
             {"Welcome to ReskFlow", "Your account was created on {time}."},
             {"Bienvenue sur ReskFlow", "Votre compte a été créé le {time}."},
             {"Willkommen bei ReskFlow", "Ihr Konto wurde am {time} erstellt."}},
};

const Template* template_of(std::string_view event_type) {
  const auto* it = std::ranges::find(templates, event_type, &Template::event_type);
  return it == templates.end() ? nullptr : &*it;
}

const Wording& wording_of(const Template& t, std::string_view locale) {
  if (locale == "fr") return t.fr;
  if (locale == "de") return t.de;
  return t.en;
}

void replace_all(std::string& text, std::string_view name, const std::string& value) {
  for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
    text.replace(at, name.size(), value);
}

std::string html_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// "#" and the last eight characters of an id: what a customer can read out on the phone.
std::string short_reference(std::string_view id) {
  return "#" + std::string(id.substr(id.size() > 8 ? id.size() - 8 : 0));
}

// Digits of `minor` with the currency's exponent, grouped by `group` and split by `decimal`.
std::string grouped_amount(std::int64_t minor, int exponent, std::string_view group,
                           std::string_view decimal) {
  const bool negative = minor < 0;
  // The magnitude as unsigned: the most negative amount has no positive counterpart.
  auto digits = std::to_string(negative ? 0 - static_cast<std::uint64_t>(minor)
                                        : static_cast<std::uint64_t>(minor));
  if (digits.size() <= static_cast<std::size_t>(exponent))
    digits.insert(0, static_cast<std::size_t>(exponent) + 1 - digits.size(), '0');
  const auto whole = digits.substr(0, digits.size() - static_cast<std::size_t>(exponent));
  std::string out;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += group;
    out.push_back(whole[i]);
  }
  if (exponent > 0) out += std::string(decimal) + digits.substr(whole.size());
  return (negative ? "-" : "") + out;
}

std::string_view currency_symbol(std::string_view currency) {
  if (currency == "EUR") return "€";
  if (currency == "USD") return "$";
  if (currency == "GBP") return "£";
  return {};
}

}  // namespace

std::string_view kind_name(Kind kind) {
  static constexpr std::array names{"order", "delivery", "payment", "account", "security", "chat"};
  return names.at(static_cast<std::size_t>(kind));
}

std::optional<Kind> kind_of(std::string_view name) {
  for (const auto kind : all_kinds)
    if (kind_name(kind) == name) return kind;
  return std::nullopt;
}

std::string_view channel_name(Channel channel) {
  static constexpr std::array names{"email", "sms", "in_app", "push"};
  return names.at(static_cast<std::size_t>(channel));
}

std::optional<Channel> channel_of(std::string_view name) {
  for (const auto channel : all_channels)
    if (channel_name(channel) == name) return channel;
  return std::nullopt;
}

bool default_enabled(Kind kind, Channel channel) {
  if (kind == Kind::security) return channel == Channel::email;
  if (kind == Kind::chat) return channel == Channel::in_app || channel == Channel::push;
  return channel != Channel::sms;
}

bool choice_fixed(Kind kind, Channel channel) {
  if (kind == Kind::security) return true;
  return kind == Kind::chat && (channel == Channel::email || channel == Channel::sms);
}

bool supported_locale(std::string_view locale) {
  return std::ranges::find(supported_locales, locale) != supported_locales.end();
}

std::optional<Kind> template_kind(std::string_view event_type) {
  const auto* t = template_of(event_type);
  return t == nullptr ? std::nullopt : std::optional(t->kind);
}

Result<Rendered> render(const Notice& notice, const Reader& reader) {
  const auto* t = template_of(notice.event_type);
  if (t == nullptr) return fail(ErrorCode::not_found, "no template for " + notice.event_type);
  const auto& words = wording_of(*t, reader.locale);
  std::string text(words.body);
  replace_all(text, "{order}", short_reference(notice.subject_id));
  replace_all(text, "{amount}",
              notice.amount ? format_money(*notice.amount, reader.locale) : std::string());
  replace_all(text, "{time}", format_time(notice.at_us, reader.locale, reader.time_zone));
  replace_all(text, "{reason}", notice.reason);
  const auto lang = supported_locale(reader.locale) ? reader.locale : std::string("en");
  auto html = "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><title>" +
              html_escaped(words.title) + "</title></head>\n<body><h1>" +
              html_escaped(words.title) + "</h1>\n<p>" + html_escaped(text) +
              "</p></body></html>\n";
  return Rendered{std::string(words.title), std::move(text), std::move(html)};
}

std::string format_money(const modules::Money& money, std::string_view locale) {
  const int exponent = modules::minor_exponent(money.currency);
  const auto symbol = currency_symbol(money.currency);
  if (locale == "fr" || locale == "de") {
    // French groups with a narrow no-break space; both put the symbol after a no-break space.
    const auto amount =
        grouped_amount(money.amount_minor, exponent, locale == "fr" ? "\u202f" : ".", ",");
    return amount + "\u00a0" + (symbol.empty() ? money.currency : std::string(symbol));
  }
  const auto amount = grouped_amount(money.amount_minor, exponent, ",", ".");
  return symbol.empty() ? amount + " " + money.currency : std::string(symbol) + amount;
}

std::string format_time(std::int64_t at_us, std::string_view locale, const std::string& zone) {
  using namespace std::chrono;
  const date::time_zone* tz = nullptr;
  try {
    tz = date::locate_zone(zone);
  } catch (const std::exception&) {
    tz = date::locate_zone("UTC");
  }
  const auto local = tz->to_local(date::sys_time<microseconds>{microseconds{at_us}});
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss hms{date::floor<minutes>(local - day)};
  const auto d = static_cast<unsigned>(ymd.day());
  const auto m = static_cast<unsigned>(ymd.month());
  const auto y = static_cast<int>(ymd.year());
  const auto h = hms.hours().count();
  const auto min = hms.minutes().count();
  if (locale == "de") return fmt::format("{:02}.{:02}.{}, {:02}:{:02}", d, m, y, h, min);
  if (locale == "fr") {
    static constexpr std::array months{"janv.", "févr.", "mars",  "avr.", "mai",  "juin",
                                       "juil.", "août",  "sept.", "oct.", "nov.", "déc."};
    return fmt::format("{} {} {} à {:02}:{:02}", d, months.at(m - 1), y, h, min);
  }
  static constexpr std::array months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{} {} {}, {:02}:{:02}", d, months.at(m - 1), y, h, min);
}

}  // namespace reskflow::notifications
