// The demo accounts: two customers (the second joins group orders), two merchant owners (the
// second owns one bakery), a driver and an admin with TOTP.
#include <array>

#include "reskflow/demo/accounts.h"

namespace reskflow::demo {
namespace {

constexpr std::array<Account, 6> account_table{{
    {customer_email, "Clara Customer", "customer"},
    {customer2_email, "Jonas Friend", "customer"},
    {owner_email, "Olivia Owner", "merchant"},
    {owner2_email, "Otto Baker", "merchant"},
    {driver_email, "Dana Driver", "driver"},
    {admin_email, "Ada Admin", "admin", true},
}};

}  // namespace

std::span<const Account> accounts() { return account_table; }

}  // namespace reskflow::demo
