// The demo accounts `reskflow seed` creates: fixed emails and one fixed password (documented in
// README.md and docs/commerce.md "Demo city"), so anyone trying the demo can log in as each
// role. Never loaded in production.
#pragma once

#include <span>
#include <string_view>

namespace reskflow::demo {

struct Account {
  std::string_view email;
  std::string_view name;
  std::string_view role;  // identity role: customer, merchant, driver, admin
  bool totp = false;      // TOTP enabled with admin_totp_secret_base32
};

inline constexpr std::string_view password = "reskflow-demo-2026";

// The demo admin's TOTP secret (RFC 4648 base32 of the 20 bytes "reskflow-demo-admin!"): add
// it to an authenticator app, or compute codes with any RFC 6238 tool, to pass the admin's MFA.
inline constexpr std::string_view admin_totp_secret = "reskflow-demo-admin!";
inline constexpr std::string_view admin_totp_secret_base32 = "OJSXG23GNRXXOLLEMVWW6LLBMRWWS3RB";

inline constexpr std::string_view customer_email = "customer@demo.reskflow.example";
inline constexpr std::string_view customer2_email = "customer2@demo.reskflow.example";
inline constexpr std::string_view owner_email = "owner@demo.reskflow.example";
inline constexpr std::string_view owner2_email = "owner2@demo.reskflow.example";
inline constexpr std::string_view driver_email = "driver@demo.reskflow.example";
inline constexpr std::string_view admin_email = "admin@demo.reskflow.example";

// Every demo account, customers first.
std::span<const Account> accounts();

}  // namespace reskflow::demo
