package io.tidemark.online.jobs.consistency;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * When a logged value equals a computed one. Floating-point numbers are equal within a relative tolerance, since the
 * online and offline paths may add the same values in another order; integers, strings and the rest must be equal.
 * Lists compare element by element, maps key by key.
 */
public final class ValueEquality {
  /** Floating-point numbers a and b are equal when {@code |a - b| <= RELATIVE_TOLERANCE * max(|a|, |b|)}. */
  public static final double RELATIVE_TOLERANCE = 1e-6;

  private ValueEquality() {}

  public static boolean same(Object online, Object offline) {
    if (online == null || offline == null) {
      return online == offline;
    }
    if (online instanceof Number a && offline instanceof Number b) {
      if (isFloating(a) || isFloating(b)) {
        return closeEnough(a.doubleValue(), b.doubleValue());
      }
      return a.longValue() == b.longValue();
    }
    if (online instanceof List<?> a && offline instanceof List<?> b) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<?> right = b.iterator();
      for (Object element : a) {
        if (!same(element, right.next())) {
          return false;
        }
      }
      return true;
    }
    if (online instanceof Map<?, ?> a && offline instanceof Map<?, ?> b) {
      if (!a.keySet().equals(b.keySet())) {
        return false;
      }
      return a.entrySet().stream().allMatch(entry -> same(entry.getValue(), b.get(entry.getKey())));
    }
    return online.equals(offline);
  }

  static boolean isFloating(Number number) {
    return number instanceof Double || number instanceof Float;
  }

  private static boolean closeEnough(double a, double b) {
    if (a == b) {
      return true;
    }
    return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  }
}
