package org.rdsecho.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Renders a result: one JSON object, or a few lines of text, on stdout and nothing else. */
final class ResultPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code refused} value of a refusal that names no rule of its own. */
  static final String REFUSED_BY_A_RULE = "safety-rule";

  private ResultPrinter() {}

  static void print(Result result, boolean json, PrintStream out) {
    if (json) {
      out.println(json(result));
      return;
    }
    if (result.dryRun() && !result.actions().isEmpty()) {
      out.println("dry run: nothing was changed. Would:");
      result.actions().forEach(a -> out.println("  - " + a));
    }
    if (result.details() != null && !result.details().isEmpty()) {
      out.println(result.details());
    }
    if (result.message() != null && !result.message().isEmpty()) {
      out.println(result.message());
    }
  }

  static String pretty(Object document) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a document is always serialisable", e);
    }
  }

  static String json(Result r) {
    if (r.command() != null
        && r.command().equals("iam-policy")
        && r.extra().containsKey("policy")) {
      // the contract: iam-policy's JSON is the policy document itself
      return pretty(r.extra().get("policy"));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("command", r.command());
    doc.put("name", r.name());
    doc.put("exitCode", r.exitCode());
    doc.put("changed", r.changed());
    doc.put("dryRun", r.dryRun());
    doc.put("message", r.message());
    if (r.instance() != null || r.fromStage() != null || r.toStage() != null) {
      doc.put("instance", r.instance());
      doc.put("fromStage", r.fromStage() == null ? null : r.fromStage().tagValue());
      doc.put("toStage", r.toStage() == null ? null : r.toStage().tagValue());
    }
    if (!r.actions().isEmpty()) {
      doc.put("actions", r.actions());
    }
    // exit 4 is a person's to give (a confirmation) or a rule's refusal: scripts tell them apart
    // here
    if (r.outcome() == org.rdsecho.core.Outcome.AWAITING_CONFIRMATION) {
      doc.put("awaiting", "confirmation");
    } else if (r.outcome() == org.rdsecho.core.Outcome.REFUSED) {
      doc.put("refused", REFUSED_BY_A_RULE);
    }
    new TreeMap<>(r.extra()).forEach(doc::put);
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a result is always serialisable", e);
    }
  }
}
