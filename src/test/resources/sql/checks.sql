-- Each query must return no rows once the data is scrubbed.
SELECT id FROM people WHERE email NOT LIKE '%@example.invalid';
SELECT id, bio FROM people
 WHERE bio IS NOT NULL; -- a comment; and a semicolon inside a string: ';'
