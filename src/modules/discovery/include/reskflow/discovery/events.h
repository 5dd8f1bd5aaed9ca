// The event discovery publishes (bus, at least once; the subject is the merchant id), in the
// transaction that changes a merchant's entry in the read model, so that every node drops its
// in-memory index (docs/commerce.md, "Events").
#pragma once

#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace reskflow::discovery::events {

inline constexpr std::string_view merchant_indexed = "discovery.merchant.indexed";

// discovery.merchant.indexed: the merchant whose listing, menu or rating changed.
struct MerchantIndexed {
  std::string merchant_id;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const MerchantIndexed& event);
boost::system::result<MerchantIndexed> tag_invoke(
    const boost::json::try_value_to_tag<MerchantIndexed>&, const boost::json::value& in);

}  // namespace reskflow::discovery::events
