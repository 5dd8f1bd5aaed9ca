-- Test fixture: replaced by the engine-specific files of the same version.
INSERT INTO embedded_note (id, body) VALUES (1, 'plain');
