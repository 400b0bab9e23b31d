-- Scrubs personal data; a DELIMITER block as operators write them.
UPDATE people SET email = CONCAT('user', id, '@example.invalid') WHERE email IS NOT NULL;
INSERT INTO scrub_runs (at) VALUES (NOW());
DELIMITER $$
CREATE PROCEDURE scrub_bios()
BEGIN
  UPDATE people SET bio = NULL;
END$$
DELIMITER ;
CALL scrub_bios();
DROP PROCEDURE scrub_bios;
