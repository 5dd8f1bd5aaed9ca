-- The next nonce of every account the server signs for (reskflow/chain/nonces.h): one row per
-- account, whichever module signs with it.
CREATE TABLE chain_nonces (
  address TEXT PRIMARY KEY,
  next_nonce BIGINT NOT NULL
);
