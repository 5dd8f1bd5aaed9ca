// The field readers of event payload conversions, and the problem a malformed payload reports.
#include "reskflow/modules/payload.h"

#include <boost/json/error.hpp>
#include <boost/json/parse.hpp>

#include "reskflow/modules/utc_time.h"

namespace reskflow::modules::payload {
namespace {

// The field, or nullptr after setting ec (unless null is allowed).
const boost::json::value* field(const boost::json::object& in, std::string_view key, bool nullable,
                                boost::system::error_code& ec) {
  const auto* v = in.if_contains(key);
  if (v != nullptr && !v->is_null()) return v;
  if ((v == nullptr || !nullable) && !ec) ec = boost::json::error::not_found;
  return nullptr;
}

void wrong_type(boost::system::error_code& ec) {
  if (!ec) ec = boost::json::error::not_exact;
}

}  // namespace

void read(const boost::json::object& in, std::string_view key, std::string& out,
          boost::system::error_code& ec) {
  const auto* v = field(in, key, false, ec);
  if (v == nullptr) return;
  if (!v->is_string()) return wrong_type(ec);
  out = std::string(v->as_string());
}

void read(const boost::json::object& in, std::string_view key, std::optional<std::string>& out,
          boost::system::error_code& ec) {
  const auto* v = in.if_contains(key);
  if (v == nullptr || v->is_null()) {
    out.reset();
    return;
  }
  if (!v->is_string()) return wrong_type(ec);
  out = std::string(v->as_string());
}

void read(const boost::json::object& in, std::string_view key, std::int64_t& out,
          boost::system::error_code& ec) {
  const auto* v = field(in, key, false, ec);
  if (v == nullptr) return;
  boost::system::error_code number;
  const auto n = v->to_number<std::int64_t>(number);
  if (number) return wrong_type(ec);
  out = n;
}

void read(const boost::json::object& in, std::string_view key, double& out,
          boost::system::error_code& ec) {
  const auto* v = field(in, key, false, ec);
  if (v == nullptr) return;
  if (!v->is_number()) return wrong_type(ec);
  out = v->to_number<double>();
}

void read(const boost::json::object& in, std::string_view key, bool& out,
          boost::system::error_code& ec) {
  const auto* v = field(in, key, false, ec);
  if (v == nullptr) return;
  if (!v->is_bool()) return wrong_type(ec);
  out = v->as_bool();
}

void read(const boost::json::object& in, std::string_view key, std::vector<std::string>& out,
          boost::system::error_code& ec) {
  const auto* v = field(in, key, false, ec);
  if (v == nullptr) return;
  const auto* list = v->if_array();
  if (list == nullptr) return wrong_type(ec);
  std::vector<std::string> strings;
  for (const auto& s : *list) {
    if (!s.is_string()) return wrong_type(ec);
    strings.emplace_back(s.as_string());
  }
  out = std::move(strings);
}

void read(const boost::json::object& in, std::string_view key, boost::json::value& out,
          boost::system::error_code& ec) {
  if (const auto* v = field(in, key, false, ec)) out = *v;
}

void read_time(const boost::json::object& in, std::string_view key,
               std::optional<std::int64_t>& out, boost::system::error_code& ec) {
  std::optional<std::string> text;
  read(in, key, text, ec);
  if (!text) {
    out.reset();
    return;
  }
  auto us = parse_iso_utc(*text);
  if (!us) return wrong_type(ec);
  out = us;
}

void read_time(const boost::json::object& in, std::string_view key, std::int64_t& out,
               boost::system::error_code& ec) {
  std::optional<std::int64_t> time;
  read_time(in, key, time, ec);
  if (time) {
    out = *time;
  } else if (!ec) {
    ec = boost::json::error::not_found;
  }
}

Status payload_problem(std::string_view type, const boost::system::error_code& ec) {
  return fail(ErrorCode::validation_failed,
              std::string(type) + " payload is malformed: " + ec.message());
}

std::unexpected<Error> empty_field(std::string_view type, std::string_view field) {
  return fail(ErrorCode::validation_failed,
              std::string(type) + " payload: empty " + std::string(field));
}

}  // namespace reskflow::modules::payload
