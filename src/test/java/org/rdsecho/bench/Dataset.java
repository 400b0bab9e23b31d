package org.rdsecho.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;
import org.rdsecho.testing.PrivateMariaDb;

/**
 * Generates a mixed InnoDB dataset of about the requested size that compresses like production
 * data, not like a repeated sentence: customers with names, addresses and e-mails (small rows),
 * orders (many small rows of numbers, dates and ids), articles of word-salad text drawn from a
 * Zipf-distributed vocabulary (wide text, about 3:1 under gzip like English prose) and attachments
 * that are partly incompressible, like the images and PDFs real blobs hold.
 *
 * <p>Rows are written to tab-separated files and loaded with LOAD DATA INFILE, because inserting a
 * gigabyte through the client would take longer than the benchmark itself. Seeded, so two runs of
 * the same size produce the same data.
 */
final class Dataset {
  private static final String[] FIRST = {
    "Anna", "Bram", "Chloe", "Daan", "Emma", "Finn", "Grace", "Hugo", "Iris", "Jonas", "Katrin",
    "Lars", "Mila", "Noah", "Olivia", "Pieter", "Quinn", "Ruben", "Sara", "Tomas", "Ursula",
    "Victor", "Wendy", "Xavier", "Yara", "Zoe", "Ahmed", "Fatima", "Mehmet", "Yusuf", "Priya",
    "Raj", "Wei", "Mei"
  };
  private static final String[] LAST = {
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Rossi",
    "Russo",
    "Dubois",
    "Moreau",
    "Kowalski",
    "Nowak",
    "Yilmaz"
  };
  private static final String[] CITIES = {
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "London",
    "Manchester",
    "Berlin",
    "Hamburg",
    "Munich",
    "Paris",
    "Lyon",
    "Milan",
    "Madrid",
    "Warsaw",
    "Dublin",
    "Oslo"
  };
  private static final String[] STREETS = {
    "Main Street",
    "Church Road",
    "Station Road",
    "Kerkstraat",
    "Dorpsstraat",
    "Hauptstrasse",
    "Rue de la Paix",
    "Via Roma",
    "Calle Mayor",
    "High Street",
    "Mill Lane",
    "Park Avenue"
  };
  private static final String[] DOMAINS = {
    "example.com", "mail.example.org", "example.net", "corp.example", "webmail.example.co.uk"
  };
  private static final String[] KINDS = {
    "purchase", "refund", "subscription", "transfer", "chargeback", "fee"
  };
  private static final String[] STATUS = {
    "new", "paid", "shipped", "delivered", "cancelled", "returned"
  };
  private static final String[] MIME = {"image/jpeg", "image/png", "application/pdf", "text/xml"};

  private final SplittableRandom random = new SplittableRandom(20151006);
  private final String[] vocabulary = vocabulary(12_000);
  private final double[] zipf = zipfCumulative(vocabulary.length);
  private final HexFormat hex = HexFormat.of();

  private Dataset() {}

  static void generate(PrivateMariaDb db, String database, long targetMb, Path work) {
    try {
      new Dataset().load(db, database, targetMb, Files.createDirectories(work.resolve("dataset")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void load(PrivateMariaDb db, String database, long targetMb, Path dir)
      throws IOException {
    db.rootSql(
        "DROP DATABASE IF EXISTS "
            + database
            + "; CREATE DATABASE "
            + database
            + " CHARACTER SET utf8mb4");
    db.sql(
        database,
        """
        CREATE TABLE customers (id INT PRIMARY KEY, first_name VARCHAR(40), last_name VARCHAR(40),
          email VARCHAR(120), phone VARCHAR(20), street VARCHAR(80), city VARCHAR(40), postcode VARCHAR(10),
          birth_date DATE, created_at DATETIME, KEY (email)) ENGINE=InnoDB;
        CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id INT NOT NULL, kind VARCHAR(16) NOT NULL,
          status VARCHAR(16) NOT NULL, amount DECIMAL(12,2), currency CHAR(3), at DATETIME(3) NOT NULL,
          ref CHAR(36), KEY (customer_id)) ENGINE=InnoDB;
        CREATE TABLE articles (id INT PRIMARY KEY, author_id INT, title VARCHAR(200), body MEDIUMTEXT,
          meta JSON) ENGINE=InnoDB;
        CREATE TABLE attachments (id INT PRIMARY KEY, name VARCHAR(100), mime VARCHAR(40),
          data MEDIUMBLOB) ENGINE=InnoDB;
        """);
    long bytes = targetMb * 1_000_000;
    long customers = bytes * 15 / 100 / 180;
    long orders = bytes * 30 / 100 / 110;
    long articles = bytes * 40 / 100 / 3000;
    long attachments = bytes * 15 / 100 / 6000;
    loadInChunks(db, database, dir, "customers", customers, this::customer, "");
    loadInChunks(db, database, dir, "orders", orders, id -> order(id, customers), "");
    loadInChunks(db, database, dir, "articles", articles, id -> article(id, customers), "");
    loadInChunks(
        db,
        database,
        dir,
        "attachments",
        attachments,
        this::attachment,
        " (id, name, mime, @hex) SET data = UNHEX(@hex)");
    db.sql(database, "ANALYZE TABLE customers, orders, articles, attachments");
  }

  private interface Row {
    String tsv(long id);
  }

  private static void loadInChunks(
      PrivateMariaDb db,
      String database,
      Path dir,
      String table,
      long rows,
      Row row,
      String columns)
      throws IOException {
    long chunk = 100_000;
    for (long from = 1; from <= rows; from += chunk) {
      Path file = dir.resolve(table + ".tsv");
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (long id = from; id < from + chunk && id <= rows; id++) {
          out.write(row.tsv(id));
          out.write('\n');
        }
      }
      db.sql(
          database,
          "LOAD DATA INFILE '"
              + file
              + "' INTO TABLE "
              + table
              + " CHARACTER SET utf8mb4"
              + columns);
      Files.delete(file);
    }
  }

  private String customer(long id) {
    String first = pick(FIRST);
    String last = pick(LAST);
    return id
        + "\t"
        + first
        + "\t"
        + last
        + "\t"
        + (first + "." + last).toLowerCase(java.util.Locale.ROOT).replace(' ', '-')
        + random.nextInt(1000)
        + "@"
        + pick(DOMAINS)
        + "\t+31 6 "
        + (10_000_000 + random.nextInt(89_999_999))
        + "\t"
        + (1 + random.nextInt(300))
        + " "
        + pick(STREETS)
        + "\t"
        + pick(CITIES)
        + "\t"
        + (1000 + random.nextInt(8999))
        + " "
        + (char) ('A' + random.nextInt(26))
        + (char) ('A' + random.nextInt(26))
        + "\t"
        + (1940 + random.nextInt(65))
        + "-"
        + two(1 + random.nextInt(12))
        + "-"
        + two(1 + random.nextInt(28))
        + "\t2024-"
        + two(1 + random.nextInt(12))
        + "-"
        + two(1 + random.nextInt(28))
        + " "
        + two(random.nextInt(24))
        + ":"
        + two(random.nextInt(60))
        + ":"
        + two(random.nextInt(60));
  }

  private String order(long id, long customers) {
    return id
        + "\t"
        + (1 + random.nextLong(customers))
        + "\t"
        + pick(KINDS)
        + "\t"
        + pick(STATUS)
        + "\t"
        + random.nextInt(100_000) / 100.0
        + "\t"
        + (random.nextInt(10) < 8 ? "EUR" : "GBP")
        + "\t2025-"
        + two(1 + random.nextInt(12))
        + "-"
        + two(1 + random.nextInt(28))
        + " "
        + two(random.nextInt(24))
        + ":"
        + two(random.nextInt(60))
        + ":"
        + two(random.nextInt(60))
        + "."
        + random.nextInt(100, 1000)
        + "\t"
        + new UUID(random.nextLong(), random.nextLong());
  }

  private String article(long id, long customers) {
    StringBuilder body = new StringBuilder(6000);
    int paragraphs = 2 + random.nextInt(8);
    for (int p = 0; p < paragraphs; p++) {
      int sentences = 3 + random.nextInt(6);
      for (int s = 0; s < sentences; s++) {
        int words = 6 + random.nextInt(14);
        for (int w = 0; w < words; w++) {
          String word = word();
          body.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
          body.append(w + 1 < words ? (random.nextInt(12) == 0 ? ", " : " ") : ". ");
        }
      }
      body.append("\\n\\n");
    }
    return id
        + "\t"
        + (1 + random.nextLong(customers))
        + "\t"
        + word()
        + " "
        + word()
        + " "
        + word()
        + "\t"
        + body
        + "\t{\"views\": "
        + random.nextInt(100_000)
        + ", \"tags\": [\""
        + word()
        + "\", \""
        + word()
        + "\"], \"published\": "
        + random.nextBoolean()
        + "}";
  }

  private String attachment(long id) {
    String mime = pick(MIME);
    byte[] data = new byte[2000 + random.nextInt(8000)];
    if (mime.startsWith("image")) {
      random.nextBytes(data);
    } else {
      // documents: text-like with some binary, compresses a little
      for (int i = 0; i < data.length; i++) {
        data[i] =
            random.nextInt(4) == 0 ? (byte) random.nextInt(256) : (byte) ('a' + random.nextInt(20));
      }
    }
    return id
        + "\tfile-"
        + id
        + "."
        + mime.substring(mime.indexOf('/') + 1)
        + "\t"
        + mime
        + "\t"
        + hex.formatHex(data);
  }

  private String word() {
    double u = random.nextDouble();
    int lo = 0;
    int hi = zipf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (zipf[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return vocabulary[lo];
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : String.valueOf(n);
  }

  private static String[] vocabulary(int size) {
    String[] onsets = {
      "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st",
      "tr", "pl", "gr", "ch", "th", "sh", "br"
    };
    String[] vowels = {"a", "e", "i", "o", "u", "ea", "ou", "ai", "ie"};
    String[] codas = {"", "n", "r", "s", "t", "l", "nd", "st", "ng", "ck"};
    SplittableRandom r = new SplittableRandom(42);
    String[] words = new String[size];
    for (int i = 0; i < size; i++) {
      StringBuilder w = new StringBuilder();
      int syllables = i < 100 ? 1 : 1 + r.nextInt(3);
      for (int s = 0; s < syllables; s++) {
        w.append(onsets[r.nextInt(onsets.length)])
            .append(vowels[r.nextInt(vowels.length)])
            .append(codas[r.nextInt(codas.length)]);
      }
      words[i] = w.toString();
    }
    return words;
  }

  private static double[] zipfCumulative(int n) {
    double[] c = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / (i + 1);
      c[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      c[i] /= sum;
    }
    return c;
  }
}
