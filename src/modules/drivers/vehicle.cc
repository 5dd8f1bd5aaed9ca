// Vehicle names and limits (docs/deliveries.md, "Couriers").
#include "vehicle.h"

#include <array>
#include <utility>

namespace reskflow::drivers {
namespace {

constexpr std::array<std::pair<Vehicle, std::string_view>, 4> names{{{Vehicle::bike, "bike"},
                                                                     {Vehicle::scooter, "scooter"},
                                                                     {Vehicle::car, "car"},
                                                                     {Vehicle::van, "van"}}};

}  // namespace

std::string_view vehicle_name(Vehicle vehicle) {
  for (const auto& [v, name] : names) {
    if (v == vehicle) return name;
  }
  return "bike";
}

std::optional<Vehicle> parse_vehicle(std::string_view name) {
  for (const auto& [v, n] : names) {
    if (n == name) return v;
  }
  return std::nullopt;
}

VehicleLimits limits_of(Vehicle vehicle) {
  switch (vehicle) {
    case Vehicle::bike: return {2, 15.0};     // 54 km/h: an e-bike downhill
    case Vehicle::scooter: return {3, 30.0};  // 108 km/h
    case Vehicle::car: return {5, 45.0};      // 162 km/h
    case Vehicle::van: return {10, 40.0};     // 144 km/h
  }
  return {1, 15.0};
}

}  // namespace reskflow::drivers
