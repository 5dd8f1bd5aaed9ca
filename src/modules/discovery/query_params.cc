// Typed query-parameter reading with field errors.
#include "query_params.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "reskflow/core/json_body.h"

namespace reskflow::discovery {

std::optional<std::string_view> QueryParams::single(std::string_view key) {
  seen_.emplace(key);
  std::optional<std::string_view> value;
  for (const auto& [name, v] : request_.query) {
    if (name != key) continue;
    if (value) {
      add_error(key, "must be given once");
      return std::nullopt;
    }
    value = v;
  }
  return value;
}

std::optional<double> QueryParams::number(std::string_view key, double min, double max,
                                          bool required) {
  const auto text = single(key);
  if (!text) {
    const bool repeated =
        std::any_of(errors_.begin(), errors_.end(), [&](const auto& e) { return e.field == key; });
    if (required && !repeated) add_error(key, "is required");
    return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || !std::isfinite(value)) {
    add_error(key, "must be a number");
    return std::nullopt;
  }
  if (value < min || value > max) {
    add_error(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> QueryParams::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max) {
  const auto text = single(key);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < min || value > max) {
    add_error(key, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> QueryParams::text(std::string_view key, std::size_t bytes_max) {
  const auto value = single(key);
  if (!value) return std::nullopt;
  if (value->size() > bytes_max) {
    add_error(key, "is too long");
    return std::nullopt;
  }
  if (const auto control = json::forbidden_control_character(*value, false)) {
    add_error(key, json::control_character_message(*control, false));
    return std::nullopt;
  }
  return std::string(*value);
}

std::optional<bool> QueryParams::boolean(std::string_view key) {
  const auto value = single(key);
  if (!value) return std::nullopt;
  if (*value == "true") return true;
  if (*value == "false") return false;
  add_error(key, "must be true or false");
  return std::nullopt;
}

std::optional<std::string> QueryParams::one_of(std::string_view key,
                                               const std::vector<std::string>& allowed) {
  const auto value = single(key);
  if (!value) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end())
    return std::string(*value);
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  add_error(key, "must be one of: " + list);
  return std::nullopt;
}

std::vector<std::string> QueryParams::list(std::string_view key, std::size_t items_max) {
  seen_.emplace(key);
  std::vector<std::string> out;
  for (const auto& [name, value] : request_.query) {
    if (name != key) continue;
    std::string_view rest = value;
    while (true) {
      const auto comma = rest.find(',');
      const auto piece = rest.substr(0, comma);
      if (!piece.empty() && std::find(out.begin(), out.end(), piece) == out.end())
        out.emplace_back(piece);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (out.size() > items_max) {
    add_error(key, "must have at most " + std::to_string(items_max) + " values");
    out.clear();
  }
  return out;
}

void QueryParams::add_error(std::string_view key, std::string message) {
  errors_.push_back({std::string(key), std::move(message)});
}

Status QueryParams::finish() {
  for (const auto& [name, value] : request_.query) {
    if (!seen_.contains(name) && std::none_of(errors_.begin(), errors_.end(),
                                              [&](const auto& e) { return e.field == name; }))
      add_error(name, "is not a known parameter");
  }
  if (errors_.empty()) return {};
  std::vector<FieldError> errors;
  errors.swap(errors_);
  return fail(ErrorCode::validation_failed, "some query parameters are invalid; see errors",
              std::move(errors));
}

}  // namespace reskflow::discovery
