// The events quality publishes (bus, at least once; the subject is the report id), in the
// transaction that opens or resolves a report, and their payloads (docs/deliveries.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "reskflow/modules/money.h"

namespace reskflow::quality::events {

inline constexpr std::string_view report_opened = "quality.report.opened";
inline constexpr std::string_view report_resolved = "quality.report.resolved";

// quality.report.opened. JSON: {"report_id","order_id","customer_id","merchant_id","kind","at"}.
struct ReportOpened {
  std::string report_id;
  std::string order_id;
  std::string customer_id;
  std::string merchant_id;
  std::string kind;  // missing_items, wrong_items, late, damaged
  std::int64_t at_us = 0;
};

// quality.report.resolved. JSON: {"report_id","order_id","customer_id","merchant_id","kind",
// "decision","refund_minor","currency","reason","at"}; refund_minor is 0 without a refund.
struct ReportResolved {
  std::string report_id;
  std::string order_id;
  std::string customer_id;
  std::string merchant_id;
  std::string kind;
  std::string decision;  // "refund" or "no_refund"
  modules::Money refund;
  std::string reason;
  std::int64_t at_us = 0;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ReportOpened& event);
boost::system::result<ReportOpened> tag_invoke(const boost::json::try_value_to_tag<ReportOpened>&,
                                               const boost::json::value& in);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ReportResolved& event);
boost::system::result<ReportResolved> tag_invoke(
    const boost::json::try_value_to_tag<ReportResolved>&, const boost::json::value& in);

}  // namespace reskflow::quality::events
