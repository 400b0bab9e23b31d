package org.rdsecho.stage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A promotion nobody can approve now ({@code requireConfirmation}, or no terminal to ask at): the
 * request is recorded once (cron mails that run), then again once per {@code remindEvery} (cron
 * mails those runs too), and the promotion waits for {@code rds-echo confirm}.
 */
final class PromotionRequest {
  private PromotionRequest() {}

  static Decision await(PromotePlanner.Inputs in, EchoInstance instance, Stage stage) {
    EchoTags tags = in.fleet().tags();
    Optional<String> tag = instance.tag(tags.promoteRequestedAt());
    // a hand-edited value that is not <time> or <time>/<time>, or says the future, is asked anew
    Optional<Instant> requested =
        tag.flatMap(t -> TagValues.parseTime(t.split("/", -1)[0]))
            .filter(t -> !t.isAfter(in.now()));
    Optional<Instant> announced =
        tag.flatMap(t -> TagValues.parseTime(t.substring(t.lastIndexOf('/') + 1)))
            .filter(t -> !t.isAfter(in.now()));
    List<Action> request;
    String since = "";
    if (requested.isEmpty() || announced.isEmpty()) {
      request =
          List.of(
              CloudAction.Tag.add(
                  instance, Map.of(tags.promoteRequestedAt(), TagValues.time(in.now()))));
    } else if (!announced.get().plus(in.settings().remindEvery()).isAfter(in.now())) {
      String interval = TagValues.time(requested.get()) + "/" + TagValues.time(in.now());
      request = List.of(CloudAction.Tag.add(instance, Map.of(tags.promoteRequestedAt(), interval)));
      since = " (a reminder: asked since " + TagValues.time(requested.get()) + ")";
    } else {
      request = List.of();
    }
    String why =
        in.settings().requireConfirmation()
            ? ""
            : " (standard input is not a terminal, so nobody can be" + " asked here)";
    return Decision.awaitConfirmation(
        "promotion of "
            + instance.id()
            + " to "
            + in.settings().cname()
            + " awaits confirmation"
            + why
            + since
            + ": run 'rds-echo confirm --by <your name>' and the next 'rds-echo promote' (or advance) proceeds,"
            + " or run 'rds-echo promote --yes'",
        instance,
        stage,
        request);
  }
}
