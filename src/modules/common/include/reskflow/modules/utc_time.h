// ISO 8601 UTC timestamps as every module's API writes them ("2026-11-28T09:30:00Z") and reads
// them in requests and event payloads, to and from UTC microseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reskflow::modules {

// "YYYY-MM-DDTHH:MM:SSZ", with ".ffffff" only when the instant has a fraction of a second.
std::string iso_utc(std::int64_t unix_us);

// Reads "YYYY-MM-DDTHH:MM:SS" with an optional fraction (up to 6 digits) and "Z" or "+00:00";
// nullopt for anything else (other offsets included: producers write UTC).
std::optional<std::int64_t> parse_iso_utc(std::string_view text);

}  // namespace reskflow::modules
