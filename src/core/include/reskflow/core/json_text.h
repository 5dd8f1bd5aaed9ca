// JSON documents as text: Boost.JSON's serializer, except that numbers that are not integers
// come out as the shortest decimal that reads back as the same double ("52.526781", never
// Boost's "5.2526781E1"). Every response, message, log line and stored document goes through it.
#pragma once

#include <boost/json/fwd.hpp>
#include <string>

namespace reskflow::json {

// The text of `value`. Strings are escaped as Boost.JSON escapes them (quote, backslash and
// control characters; other bytes as they are). A double is written with std::to_chars'
// shortest round-trip form, with ".0" after an integral value so that it still reads back as
// a double ("3.0", "-0.0", "1e+21"); a NaN or an infinity, which JSON cannot express, as null.
std::string serialize(const boost::json::value& value);
std::string serialize(const boost::json::object& object);
std::string serialize(const boost::json::array& array);

// Appends the text of `value` to `out`.
void serialize_to(std::string& out, const boost::json::value& value);

}  // namespace reskflow::json
