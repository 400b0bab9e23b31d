package org.rdsecho.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rdsecho.stage.TestInstances.inStage;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdsecho.core.Outcome;

/** Invalid decisions cannot be made. */
class DecisionTest {
  private final EchoInstance clone = inStage(Stage.REBOOTED);
  private final Action tag = CloudAction.Tag.add(clone, Map.of("k", "v"));

  @Test
  void aDecisionToActHasWritesAndOnlyWritesCanBeConfirmed() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Decision.act("nothing", clone, Stage.NEW, Stage.MODIFIED, List.of()));
    assertThrows(
        IllegalStateException.class,
        () -> Decision.stop(Outcome.DONE, "done", clone, Stage.REBOOTED).askingOperator());
    Decision asked =
        Decision.act("x", clone, Stage.REBOOTED, Stage.PROMOTED, List.of(tag)).askingOperator();
    assertEquals(true, asked.askOperator());
  }

  @Test
  void aStopWritesNothingAndAConfirmationRequestWritesOneTagAtMost() {
    assertEquals(List.of(), Decision.stop(Outcome.REFUSED, "no", clone, Stage.REBOOTED).actions());
    assertThrows(
        IllegalArgumentException.class,
        () -> Decision.stop(Outcome.AWAITING_CONFIRMATION, "wait", clone, Stage.REBOOTED));
    assertThrows(
        IllegalArgumentException.class,
        () -> Decision.awaitConfirmation("wait", clone, Stage.REBOOTED, List.of(tag, tag)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Decision.awaitConfirmation(
                "wait", clone, Stage.REBOOTED, List.of(new CloudAction.Reboot(clone.id()))));
    assertEquals(
        4,
        Decision.awaitConfirmation("wait", clone, Stage.REBOOTED, List.of(tag))
            .outcome()
            .exitCode());
  }
}
