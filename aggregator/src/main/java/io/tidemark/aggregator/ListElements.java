package io.tidemark.aggregator;

import java.util.List;

/** Aggregates the non-null elements of list inputs one by one, as Chronon flattens lists for non-timed operations. */
final class ListElements implements ColumnAggregator {
  private final ColumnAggregator elements;

  ListElements(ColumnAggregator elements) {
    this.elements = elements;
  }

  @Override
  public void add(long sequence, Object value) {
    if (value != null) {
      for (Object element : (List<?>) value) {
        elements.add(sequence, element);
      }
    }
  }

  @Override
  public void remove(long sequence, Object value) {
    if (value == null) {
      elements.remove(sequence, null);
      return;
    }
    for (Object element : (List<?>) value) {
      elements.remove(sequence, element);
    }
  }

  @Override
  public void retract(Object value) {
    if (value != null) {
      for (Object element : (List<?>) value) {
        elements.retract(element);
      }
    }
  }

  @Override
  public Object result() {
    return elements.result();
  }

  @Override
  public void reset() {
    elements.reset();
  }
}
