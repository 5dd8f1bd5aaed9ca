-- The dietary tags each merchant's menu earns (the rule in docs/commerce.md, "Dietary
-- filters"), kept per menu and copied to the merchant so that a listing filters on its own row.
ALTER TABLE discovery_menus ADD COLUMN dietary TEXT NOT NULL DEFAULT ',';      -- ",vegan,"
ALTER TABLE discovery_merchants ADD COLUMN dietary TEXT NOT NULL DEFAULT ',';  -- copied
