-- Test fixture: the first migration of the embedded test module.
CREATE TABLE embedded_note (id BIGINT PRIMARY KEY, body TEXT NOT NULL);
