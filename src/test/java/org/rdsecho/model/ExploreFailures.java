package org.rdsecho.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.state.ActionChain;

/**
 * Not part of the suite (its name is not a test's): samples many histories of {@link
 * StatefulEchoTest} without shrinking and prints, per broken promise, the shortest history that
 * broke it, so that several distinct bugs show in one run. For example: {@code mvn test
 * -Dtest=ExploreFailures -Dsurefire.failIfNoSpecifiedTests=false -Dexplore.n=500 -Dexplore.kms=NONE
 * -Dexplore.cname=true -Dexplore.without=people,faults} (also explore.types, explore.tags,
 * explore.sanitize, explore.aurora).
 */
class ExploreFailures {
  @Example
  void explore() throws Exception {
    StatefulEchoTest.makeBase();
    java.util.Set<String> without =
        java.util.Set.of(System.getProperty("explore.without", "-").split(","));
    String kms = System.getProperty("explore.kms", "");
    String types = System.getProperty("explore.types", "");
    Boolean cname =
        System.getProperty("explore.cname") == null ? null : Boolean.getBoolean("explore.cname");
    Arbitrary<ActionChain<EchoWorld>> histories =
        StatefulEchoTest.histories(
            StatefulEchoTest.setups()
                .filter(
                    s ->
                        kms.isEmpty() || java.util.List.of(kms.split(",")).contains(s.kms().name()))
                .filter(
                    s -> types.isEmpty() || java.util.List.of(types.split(",")).contains(s.type()))
                .filter(s -> cname == null || s.cname() == cname)
                .filter(
                    s ->
                        System.getProperty("explore.aurora") == null
                            || s.aurora() == Boolean.getBoolean("explore.aurora"))
                .filter(
                    s ->
                        System.getProperty("explore.sanitize") == null
                            || s.sanitize() == Boolean.getBoolean("explore.sanitize"))
                .filter(
                    s ->
                        Integer.getInteger("explore.tags") == null
                            || s.userTags() == Integer.getInteger("explore.tags")),
            without);
    Map<String, String> shortest = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    int n = Integer.getInteger("explore.n", 300);
    long t0 = System.nanoTime();
    for (ActionChain<EchoWorld> chain :
        (Iterable<ActionChain<EchoWorld>>) histories.sampleStream().limit(n)::iterator) {
      try {
        chain.run();
      } catch (AssertionError e) {
        String msg = String.valueOf(e.getMessage());
        int at = msg.indexOf("broken promise: ");
        List<String> lines = msg.substring(Math.max(0, at)).lines().toList();
        // a promise and the gist of how it broke (identifiers and numbers blurred), one story each
        String gist = lines.size() > 1 ? lines.get(1).replaceAll("[0-9a-f]{6,}|\\d+", "#") : "";
        String promise = lines.get(0) + " | " + gist.substring(0, Math.min(90, gist.length()));
        counts.merge(promise, 1, Integer::sum);
        String story = msg.substring(Math.max(0, at));
        if (!shortest.containsKey(promise) || story.length() < shortest.get(promise).length()) {
          shortest.put(promise, story);
        }
      }
    }
    System.out.println(
        "EXPLORE "
            + n
            + " histories in "
            + (System.nanoTime() - t0) / 1_000_000
            + " ms: "
            + counts);
    shortest.forEach((p, s) -> System.out.println("=====\n" + s));
    StatefulEchoTest.removeBase();
  }
}
