package io.fangxian.generate;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Weighted choice from a fixed list by binary search over cumulative weights. */
final class Picker<T> {
  private final SplittableRandom rnd;
  private final List<T> items;
  private final double[] cumulative;

  Picker(SplittableRandom rnd, List<T> items, Function<T, Double> weight) {
    this.rnd = rnd;
    this.items = items;
    this.cumulative = new double[items.size()];
    double sum = 0;
    for (int i = 0; i < items.size(); i++) {
      sum += weight.apply(items.get(i));
      cumulative[i] = sum;
    }
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  T pick() {
    double u = rnd.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, u);
    return items.get(Math.min(items.size() - 1, i >= 0 ? i + 1 : -i - 1));
  }
}
