package org.rdsecho.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdsecho.dump.TableStreams.Part;
import org.rdsecho.dump.TableStreams.Table;

class TableStreamsTest {
  private static final List<Table> SHOP =
      List.of(
          new Table("attachments", false, 92),
          new Table("big_spenders", true, 0),
          new Table("customers", false, 61),
          new Table("order_items", false, 293),
          new Table("orders", false, 234),
          new Table("products", false, 44),
          new Table("reviews", false, 230));

  @Test
  void oneStreamIsTheWholeDatabaseInOneProcessAsAlways() {
    assertEquals(
        List.of(new Part(Part.Kind.WHOLE, List.of())),
        TableStreams.split(SHOP, List.of(), false, 1));
    assertEquals(1, TableStreams.streams(TableStreams.split(SHOP, List.of(), false, 1)));
    assertEquals(
        3,
        TableStreams.streams(TableStreams.split(SHOP, List.of(), false, 3)),
        "the objects part not counted");
  }

  @Test
  void tablesAreDealtOutLargestFirstToTheLeastLoadedStreamAndViewsComeLast() {
    assertEquals(
        List.of(
            // 293 + 44 = 337, 234 + 61 = 295, 230 + 92 = 322
            new Part(Part.Kind.TABLES, List.of("order_items", "products")),
            new Part(Part.Kind.TABLES, List.of("customers", "orders")),
            new Part(Part.Kind.TABLES, List.of("attachments", "reviews")),
            new Part(Part.Kind.OBJECTS, List.of("big_spenders"))),
        TableStreams.split(SHOP, List.of(), false, 3));
  }

  @Test
  void neverMoreStreamsThanTablesAndAViewOnlyDatabaseStaysWhole() {
    List<Table> two =
        List.of(new Table("a", false, 5), new Table("b", false, 0), new Table("v", true, 0));
    assertEquals(
        List.of(
            new Part(Part.Kind.TABLES, List.of("a")),
            new Part(Part.Kind.TABLES, List.of("b")),
            new Part(Part.Kind.OBJECTS, List.of("v"))),
        TableStreams.split(two, List.of(), false, 16));
    assertEquals(
        List.of(Part.whole(List.of())),
        TableStreams.split(
            List.of(new Table("v", true, 0), new Table("t", false, 9)), List.of(), false, 4));
  }

  @Test
  void theObjectsPartIsThereWithoutViewsForRoutinesAndEventsButNotForRowsOnly() {
    List<Table> two = List.of(new Table("a", false, 5), new Table("b", false, 7));
    assertEquals(
        new Part(Part.Kind.OBJECTS, List.of()),
        TableStreams.split(two, List.of(), false, 2).get(2));
    assertEquals(
        List.of(new Part(Part.Kind.TABLES, List.of("b")), new Part(Part.Kind.TABLES, List.of("a"))),
        TableStreams.split(two, List.of(), true, 2));
  }

  @Test
  void aTableExportSplitsOnlyTheChosenTables() {
    assertEquals(
        List.of(
            new Part(Part.Kind.TABLES, List.of("orders")),
            new Part(Part.Kind.TABLES, List.of("customers")),
            new Part(Part.Kind.OBJECTS, List.of())),
        TableStreams.split(SHOP, List.of("orders", "customers"), false, 4));
  }

  @Test
  void aChosenNameTheListingDoesNotKnowLeavesItToTheDumpTool() {
    // the dump tool then fails naming the table, as it does with one stream
    assertEquals(
        List.of(Part.whole(List.of("orders", "gone"))),
        TableStreams.split(SHOP, List.of("orders", "gone"), false, 4));
  }

  @Test
  void autoIsOneStreamUpToFiveCoresThenOneForEveryThree() {
    assertEquals(
        List.of(1, 1, 1, 1, 1, 2, 2, 5),
        List.of(1, 2, 3, 4, 5, 6, 8, 16).stream().map(TableStreams::auto).toList());
  }
}
