-- wrk script for bench/orders_load.sh: each request places one order from the next prepared
-- cart ("access_token cart_id" lines in the file named by ORDERS_CARTS), with its own
-- Idempotency-Key, paying with the test provider's success card. Once every cart is used the
-- next requests reuse them under new keys and are refused (409), so a short supply shows as errors.
local carts = {}
local next_cart = 0

function init(args)
  for line in io.lines(os.getenv("ORDERS_CARTS")) do
    local token, cart = line:match("^(%S+) (%S+)$")
    if token then carts[#carts + 1] = { token = token, cart = cart } end
  end
end

function request()
  next_cart = next_cart + 1
  local c = carts[(next_cart - 1) % #carts + 1]
  local body = '{"cart_id":"' .. c.cart .. '","tip_minor":100,' ..
    '"payment_method":"4242424242424242","delivery":{"address":"1 rue de Rivoli, Paris",' ..
    '"point":{"lat":48.8606,"lng":2.3376},"leave_at_door":true}}'
  return wrk.format("POST", "/v1/orders", {
    ["Authorization"] = "Bearer " .. c.token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. next_cart,
  }, body)
end
