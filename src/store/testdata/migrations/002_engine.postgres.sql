-- Test fixture: runs on PostgreSQL instead of 002_engine.sql.
INSERT INTO embedded_note (id, body) VALUES (1, 'postgres');
