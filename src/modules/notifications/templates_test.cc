// The templates in each language, locale-aware money and times, channel defaults and quiet hours.
#include <gtest/gtest.h>

#include <limits>

#include "preferences.h"
#include "templates.h"

namespace reskflow::notifications {
namespace {

constexpr std::int64_t at_us = 1'795'857'000'000'000;  // 2026-11-28T09:10:00Z

Notice delivered() {
  return {
      "orders.order.delivered",       Kind::order, "u-1", "0190f000-0000-7000-8000-00000000abcd",
      modules::Money{123'450, "EUR"}, at_us,       ""};
}

TEST(Templates, RenderTheOrderInTheReadersLanguageAndTimeZone) {
  auto en = render(delivered(), {"en", "America/New_York"});
  ASSERT_TRUE(en) << en.error().detail;
  EXPECT_EQ(en->title, "Delivered");
  EXPECT_EQ(en->text, "Your order #0000abcd of €1,234.50 was delivered at 28 Nov 2026, 04:10.");
  auto fr = render(delivered(), {"fr", "Europe/Paris"});
  ASSERT_TRUE(fr);
  EXPECT_EQ(fr->text,
            "Votre commande #0000abcd de 1\u202f234,50\u00a0€ a été livrée à 28 nov. "
            "2026 à 10:10.");
  auto de = render(delivered(), {"de", "Europe/Berlin"});
  ASSERT_TRUE(de);
  EXPECT_EQ(de->text,
            "Ihre Bestellung #0000abcd über 1.234,50\u00a0€ wurde am 28.11.2026, 10:10 "
            "geliefert.");
}

TEST(Templates, HtmlEscapesWhatAnEventCarries) {
  Notice failed{"deliveries.delivery.failed",
                Kind::delivery,
                "u-1",
                "order-1",
                std::nullopt,
                at_us,
                "nobody answered <the door> & the phone"};
  auto rendered = render(failed, {});
  ASSERT_TRUE(rendered);
  EXPECT_EQ(rendered->text,
            "We could not deliver your order #order-1: nobody answered <the "
            "door> & the phone");
  EXPECT_NE(rendered->html.find("<p>We could not deliver your order #order-1: nobody answered "
                                "&lt;the door&gt; &amp; the phone</p>"),
            std::string::npos);
  EXPECT_NE(rendered->html.find("<html lang=\"en\">"), std::string::npos);
}

TEST(Templates, ADeclinedMembershipRenewalSaysWhyAndWhatItCosts) {
  const Notice failed{"subscriptions.subscription.renewal_failed",
                      Kind::payment,
                      "u-1",
                      "0190f000-0000-7000-8000-00000000abcd",
                      modules::Money{999, "EUR"},
                      at_us,
                      "Your card was declined."};
  EXPECT_EQ(template_kind(failed.event_type), Kind::payment);
  auto en = render(failed, {"en", "Europe/Paris"});
  ASSERT_TRUE(en) << en.error().detail;
  EXPECT_EQ(en->title, "Membership payment failed");
  EXPECT_EQ(en->text,
            "The monthly payment of €9.99 for your membership failed: Your card was declined. "
            "Your member benefits are paused until it is paid.");
  Notice ended = failed;
  ended.event_type = "subscriptions.subscription.ended";
  ended.reason = "cancelled by the customer";
  auto de = render(ended, {"de", "Europe/Berlin"});
  ASSERT_TRUE(de);
  EXPECT_EQ(de->text,
            "Ihre Mitgliedschaft endete am 28.11.2026, 10:10 (cancelled by the customer).");
  EXPECT_FALSE(template_kind("subscriptions.subscription.cancelled"));
}

TEST(Templates, EventsWithoutATemplateTellNobody) {
  EXPECT_FALSE(template_kind("orders.order.preparing"));
  EXPECT_EQ(template_kind("payments.intent.failed"), Kind::payment);
  Notice n = delivered();
  n.event_type = "orders.order.preparing";
  EXPECT_EQ(render(n, {}).error().code, ErrorCode::not_found);
}

TEST(Templates, MoneyWithoutMinorUnitsOrSymbol) {
  EXPECT_EQ(format_money({1500, "JPY"}, "en"), "1,500 JPY");
  EXPECT_EQ(format_money({5, "USD"}, "en"), "$0.05");
  EXPECT_EQ(format_money({-250, "GBP"}, "en"), "£-2.50");
  EXPECT_EQ(format_money({100'000'000, "CHF"}, "de"), "1.000.000,00\u00a0CHF");
  EXPECT_EQ(format_money({std::numeric_limits<std::int64_t>::min(), "GBP"}, "en"),
            "£-92,233,720,368,547,758.08");
}

TEST(Templates, AnUnknownTimeZoneReadsAsUtc) {
  EXPECT_EQ(format_time(at_us, "en", "Mars/Olympus"), "28 Nov 2026, 09:10");
}

TEST(Preferences, DefaultsAndFixedSecurityMail) {
  Preferences p;
  EXPECT_TRUE(p.allows(Kind::order, Channel::email));
  EXPECT_TRUE(p.allows(Kind::order, Channel::in_app));
  EXPECT_FALSE(p.allows(Kind::order, Channel::sms));
  p.choices[{Kind::order, Channel::sms}] = true;
  p.choices[{Kind::security, Channel::email}] = false;
  EXPECT_TRUE(p.allows(Kind::order, Channel::sms));
  EXPECT_TRUE(p.allows(Kind::security, Channel::email));
  EXPECT_FALSE(p.allows(Kind::security, Channel::in_app));
}

TEST(Preferences, QuietHoursHoldMessagesUntilTheyEndInTheUsersZone) {
  Preferences p;
  p.time_zone = "Europe/Paris";
  p.quiet_hours = QuietHours{22 * 60, 7 * 60};
  // 09:10 UTC is 10:10 in Paris: outside.
  EXPECT_EQ(after_quiet_hours(p, at_us), at_us);
  // 22:30 Paris (21:30 UTC) waits for 07:00 Paris the next morning (06:00 UTC).
  const std::int64_t evening = at_us + (12 * 60 + 20) * 60'000'000LL;
  const std::int64_t morning = at_us + (20 * 60 + 50) * 60'000'000LL;
  EXPECT_EQ(after_quiet_hours(p, evening), morning);
  // 03:00 Paris waits for 07:00 the same morning.
  EXPECT_EQ(after_quiet_hours(p, morning - 4 * 3'600'000'000LL), morning);
  p.quiet_hours = QuietHours{13 * 60, 14 * 60};  // a quiet lunch hour, 12:00 to 13:00 UTC
  EXPECT_EQ(after_quiet_hours(p, at_us + 3 * 3'600'000'000LL),
            at_us + 3'600'000'000LL * 3 + 50 * 60'000'000LL);
}

}  // namespace
}  // namespace reskflow::notifications
