// Event payloads as typed values: each module's events.h gives its payload structs
// boost::json conversions (tag_invoke) built from these field readers, and publishers and
// consumers go through to_payload / from_payload instead of building JSON by hand.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/system/error_code.hpp>

#include "reskflow/core/errors.h"
#include "reskflow/core/json_text.h"

namespace reskflow::modules::payload {

// Readers for a try_value_to tag_invoke: each sets `ec` (when it is still clear) if the field is
// missing or of the wrong type, and leaves `out` alone then. A null optional field is nullopt.
void read(const boost::json::object& in, std::string_view key, std::string& out,
          boost::system::error_code& ec);
void read(const boost::json::object& in, std::string_view key, std::optional<std::string>& out,
          boost::system::error_code& ec);
void read(const boost::json::object& in, std::string_view key, std::int64_t& out,
          boost::system::error_code& ec);
void read(const boost::json::object& in, std::string_view key, double& out,
          boost::system::error_code& ec);
void read(const boost::json::object& in, std::string_view key, bool& out,
          boost::system::error_code& ec);
void read(const boost::json::object& in, std::string_view key, std::vector<std::string>& out,
          boost::system::error_code& ec);
// Any JSON value but null (nested documents kept as they are).
void read(const boost::json::object& in, std::string_view key, boost::json::value& out,
          boost::system::error_code& ec);
// An ISO 8601 UTC time ("2026-11-28T09:10:00Z") as Unix microseconds; null is nullopt.
void read_time(const boost::json::object& in, std::string_view key,
               std::optional<std::int64_t>& out, boost::system::error_code& ec);
void read_time(const boost::json::object& in, std::string_view key, std::int64_t& out,
               boost::system::error_code& ec);

// JSON text of a payload struct.
template <class T>
std::string to_payload(const T& payload) {
  return json::serialize(boost::json::value_from(payload));
}

// validation_failed ("<type> payload: ...") when the text is not JSON or not a T.
Status payload_problem(std::string_view type, const boost::system::error_code& ec);
// validation_failed ("<type> payload: empty <field>"), for a consumer that needs the field.
std::unexpected<Error> empty_field(std::string_view type, std::string_view field);
template <class T>
Result<T> from_payload(std::string_view type, std::string_view json) {
  boost::system::error_code ec;
  const auto value = boost::json::parse(json, ec);
  if (ec) return std::unexpected(payload_problem(type, ec).error());
  auto out = boost::json::try_value_to<T>(value);
  if (!out) return std::unexpected(payload_problem(type, out.error()).error());
  return std::move(*out);
}

}  // namespace reskflow::modules::payload
