package org.rdsecho.bench;

import org.rdsecho.testing.PrivateMariaDb;

/**
 * Generates a mixed InnoDB dataset of about the requested size inside the server (MariaDB's
 * SEQUENCE engine), so generation does not cross the wire: many small rows (~45%), wide
 * text (~40%) and binary blobs (~15%).
 */
final class Dataset {
  private Dataset() {}

  static void generate(PrivateMariaDb db, String database, long targetMb) {
    db.rootSql("DROP DATABASE IF EXISTS " + database + "; CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
    db.sql(database, """
        CREATE TABLE events (id BIGINT PRIMARY KEY, account INT NOT NULL, kind VARCHAR(16) NOT NULL,
          amount DECIMAL(12,2), at DATETIME(3) NOT NULL, ref CHAR(32), KEY (account)) ENGINE=InnoDB;
        CREATE TABLE articles (id INT PRIMARY KEY, title VARCHAR(200), body MEDIUMTEXT, meta JSON) ENGINE=InnoDB;
        CREATE TABLE attachments (id INT PRIMARY KEY, name VARCHAR(100), data MEDIUMBLOB) ENGINE=InnoDB;
        """);
    long events = targetMb * 1_000_000 * 45 / 100 / 110;
    long articles = targetMb * 1_000_000 * 40 / 100 / 2600;
    long attachments = targetMb * 1_000_000 * 15 / 100 / 4200;
    insert(db, database, events, 200_000, (from, to) -> "INSERT INTO events SELECT seq, seq % 50000,"
        + " ELT(1 + seq % 5, 'purchase', 'refund', 'login', 'logout', 'transfer'), (seq * 7919 % 1000000) / 100,"
        + " '2026-01-01' + INTERVAL (seq * 37) SECOND, MD5(seq) FROM seq_" + from + "_to_" + to);
    insert(db, database, articles, 20_000, (from, to) -> "INSERT INTO articles SELECT seq,"
        + " CONCAT('Article ', seq, ' about ', ELT(1 + seq % 4, 'databases', 'snapshots', 'clones', 'dumps')),"
        + " CONCAT_WS(' ', REPEAT(CONCAT('The quick brown fox ', seq % 97, ' jumps over the lazy dog. '), 20),"
        + " SHA2(seq, 512), REPEAT(CONCAT(MD5(seq), ' lorem ipsum dolor sit amet '), 20)),"
        + " JSON_OBJECT('views', seq % 1000, 'tags', JSON_ARRAY('a', seq % 10)) FROM seq_" + from + "_to_" + to);
    insert(db, database, attachments, 5_000, (from, to) -> "INSERT INTO attachments SELECT seq,"
        + " CONCAT('file-', seq, '.bin'), CONCAT(RANDOM_BYTES(1024), RANDOM_BYTES(1024), REPEAT(UNHEX(MD5(seq)), 64)) FROM seq_" + from + "_to_" + to);
  }

  private interface Batch {
    String sql(long from, long to);
  }

  private static void insert(PrivateMariaDb db, String database, long rows, long batch, Batch sql) {
    for (long from = 1; from <= rows; from += batch) {
      db.sql(database, sql.sql(from, Math.min(rows, from + batch - 1)));
    }
  }
}
