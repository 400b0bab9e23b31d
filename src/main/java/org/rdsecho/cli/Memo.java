package org.rdsecho.cli;

import java.util.function.Supplier;

/** A supplier that asks once: an AWS lookup a decision may or may not need. */
final class Memo<T> implements Supplier<T> {
  private final Supplier<T> source;
  private boolean done;
  private T value;

  private Memo(Supplier<T> source) {
    this.source = source;
  }

  static <T> Memo<T> of(Supplier<T> source) {
    return new Memo<>(source);
  }

  @Override
  public T get() {
    if (!done) {
      value = source.get();
      done = true;
    }
    return value;
  }
}
