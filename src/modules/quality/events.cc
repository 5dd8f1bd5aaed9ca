// quality's event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/quality/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::quality::events {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ReportOpened& event) {
  out = boost::json::object{{"report_id", event.report_id},
                            {"order_id", event.order_id},
                            {"customer_id", event.customer_id},
                            {"merchant_id", event.merchant_id},
                            {"kind", event.kind},
                            {"at", modules::iso_utc(event.at_us)}};
}

boost::system::result<ReportOpened> tag_invoke(const boost::json::try_value_to_tag<ReportOpened>&,
                                               const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  ReportOpened event;
  boost::system::error_code ec;
  modules::payload::read(*object, "report_id", event.report_id, ec);
  modules::payload::read(*object, "order_id", event.order_id, ec);
  modules::payload::read(*object, "customer_id", event.customer_id, ec);
  modules::payload::read(*object, "merchant_id", event.merchant_id, ec);
  modules::payload::read(*object, "kind", event.kind, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  if (ec) return ec;
  return event;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ReportResolved& event) {
  out = boost::json::object{{"report_id", event.report_id},
                            {"order_id", event.order_id},
                            {"customer_id", event.customer_id},
                            {"merchant_id", event.merchant_id},
                            {"kind", event.kind},
                            {"decision", event.decision},
                            {"refund_minor", event.refund.amount_minor},
                            {"currency", event.refund.currency},
                            {"reason", event.reason},
                            {"at", modules::iso_utc(event.at_us)}};
}

boost::system::result<ReportResolved> tag_invoke(
    const boost::json::try_value_to_tag<ReportResolved>&, const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  ReportResolved event;
  boost::system::error_code ec;
  modules::payload::read(*object, "report_id", event.report_id, ec);
  modules::payload::read(*object, "order_id", event.order_id, ec);
  modules::payload::read(*object, "customer_id", event.customer_id, ec);
  modules::payload::read(*object, "merchant_id", event.merchant_id, ec);
  modules::payload::read(*object, "kind", event.kind, ec);
  modules::payload::read(*object, "decision", event.decision, ec);
  modules::payload::read(*object, "refund_minor", event.refund.amount_minor, ec);
  modules::payload::read(*object, "currency", event.refund.currency, ec);
  modules::payload::read(*object, "reason", event.reason, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  if (ec) return ec;
  return event;
}

}  // namespace reskflow::quality::events
