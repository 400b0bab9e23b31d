package org.rdsecho.stage;

import java.util.List;
import java.util.Optional;

/**
 * What {@code carry} observes of the two clones before it decides (§16: carry never corrupts), each
 * answer an immutable value the rules of {@link CarryRules} and {@link CarryFloor} read.
 */
public final class CarrySeen {
  private CarrySeen() {}

  /**
   * A carried table's shape on both clones.
   *
   * @param here on the new clone; empty when it is not there
   * @param there on the promoted clone (the new clone's on the first night); empty when it is not
   *     there
   * @param key the new clone's single-column primary key, or null (none, or several columns)
   * @param triggers the new clone's triggers on it, as {@code name (AFTER DELETE)}; empty on the
   *     first night
   * @param promotedKeyType the key column's COLUMN_TYPE on the promoted clone ({@code bigint(20)}),
   *     or ""
   */
  public record Table(
      Optional<Shape> here,
      Optional<Shape> there,
      Key key,
      List<String> triggers,
      String promotedKeyType) {
    public Table {
      triggers = List.copyOf(triggers);
    }
  }

  /**
   * A table as information_schema.TABLES has it: {@code BASE TABLE}, {@code VIEW}, ...; its engine
   * and whether that engine has transactions.
   */
  public record Shape(String type, String engine, boolean transactional) {}

  /**
   * A table's single-column primary key on the new clone.
   *
   * @param type the column's DATA_TYPE ({@code int}, {@code bigint}, ...)
   */
  public record Key(String column, String type, boolean unsigned, boolean autoIncrement) {}

  /**
   * The smallest and largest key the promoted clone carries, as text (integers, as the server
   * prints them).
   */
  public record KeyRange(String low, String high) {}

  /** An AUTO_INCREMENT column of a base table on the new clone. */
  public record Counter(String table, String column, String type, boolean unsigned) {}
}
