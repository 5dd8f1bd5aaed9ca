-- The anchor account's next nonce moves to chain_nonces, which other signers share.
INSERT INTO chain_nonces (address, next_nonce) SELECT address, next_nonce FROM chain_accounts;
DROP TABLE chain_accounts;
