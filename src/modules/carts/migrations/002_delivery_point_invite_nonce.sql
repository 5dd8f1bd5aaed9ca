-- Where the cart is to be delivered (the price preview says whether the merchant delivers
-- there), and the nonce a group cart's invite token is derived from, so that its host can see
-- the link again (tokens made before this have none: the host makes a new link).
ALTER TABLE carts_carts ADD COLUMN delivery_lat DOUBLE PRECISION;
ALTER TABLE carts_carts ADD COLUMN delivery_lng DOUBLE PRECISION;
ALTER TABLE carts_carts ADD COLUMN invite_nonce TEXT;
