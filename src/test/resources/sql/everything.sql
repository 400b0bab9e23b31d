-- Every kind of column and object a dump must carry over exactly.
CREATE TABLE people (
  id INT PRIMARY KEY AUTO_INCREMENT,
  name VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL,
  email VARCHAR(200),
  bio TEXT,
  avatar BLOB,
  token BINARY(16),
  flags BIT(10),
  born DATE,
  seen DATETIME(6),
  changed TIMESTAMP(3) NULL,
  lunch TIME(4),
  balance DECIMAL(20,6),
  ratio DOUBLE,
  small FLOAT,
  prefs JSON,
  home POINT,
  area POLYGON,
  kind ENUM('a','b','c'),
  tags SET('x','y','z'),
  name_upper VARCHAR(100) AS (UPPER(name)) VIRTUAL,
  email_domain VARCHAR(200) AS (SUBSTRING_INDEX(email, '@', -1)) STORED,
  KEY (email_domain)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO people (name, email, bio, avatar, token, flags, born, seen, changed, lunch, balance, ratio, small, prefs, home, area, kind, tags) VALUES
 ('Zoë Ångström 😀', 'zoe@example.com', 'line1\nline2\ttab \\ backslash \'quote\' "dq"', UNHEX('00FF10200D0A1A5C27'), UNHEX('0102030405060708090A0B0C0D0E0F10'),
  b'1010101010', '1970-01-01', '2026-11-20 23:59:59.123456', '2026-11-20 10:00:00.999', '12:34:56.7890', 12345678901234.123456, 1.0E308, 3.14,
  '{"a": [1, 2, {"b": null}], "ü": "ß"}', ST_GeomFromText('POINT(1.5 2.5)'), ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0))'), 'b', 'x,z'),
 ('Null Person', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 ('', '', '', '', UNHEX('00000000000000000000000000000000'), b'0', '0001-01-01', '1000-01-01 00:00:00.000001', NULL, '-838:59:59', -0.000001, -0.0, 0, '[]', ST_GeomFromText('POINT(0 0)'), NULL, 'a', '');

CREATE TABLE orders (
  id BIGINT UNSIGNED PRIMARY KEY,
  person_id INT NOT NULL,
  total DECIMAL(10,2) NOT NULL,
  note MEDIUMTEXT,
  CONSTRAINT fk_person FOREIGN KEY (person_id) REFERENCES people (id)
) ENGINE=InnoDB;

INSERT INTO orders VALUES (18446744073709551615, 1, 99.99, REPEAT('x', 70000)), (1, 2, 0.01, NULL);

CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(100), at DATETIME(6));

CREATE VIEW big_spenders AS SELECT p.name, SUM(o.total) AS spent FROM people p JOIN orders o ON o.person_id = p.id GROUP BY p.name;

DELIMITER //
CREATE TRIGGER people_audit AFTER UPDATE ON people FOR EACH ROW
BEGIN
  INSERT INTO audit (what, at) VALUES (CONCAT('updated ', NEW.id), NOW(6));
END//

CREATE FUNCTION greet(who VARCHAR(50)) RETURNS VARCHAR(100) DETERMINISTIC
BEGIN
  RETURN CONCAT('hello, ', who, '; it''s ', 'fine');
END//

CREATE PROCEDURE bump(IN amount INT)
BEGIN
  UPDATE orders SET total = total + amount WHERE id = 1;
END//
DELIMITER ;

CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DO DELETE FROM audit WHERE at < NOW() - INTERVAL 30 DAY;
