package io.tidemark.aggregator;

import java.util.List;

/**
 * The partial of an aggregation over list inputs that aggregates their non-null elements one by one, as
 * {@link ListElements} does for the sweep. Its state and encoding are the element aggregation's.
 *
 * @param <S> the element aggregation's state
 */
final class FlattenedPartial<S> implements Partial<S> {
  private final Partial<S> elements;

  FlattenedPartial(Partial<S> elements) {
    this.elements = elements;
  }

  @Override
  public S empty() {
    return elements.empty();
  }

  @Override
  public void add(S state, long time, Object value) {
    for (Object element : (List<?>) value) {
      if (element != null) {
        elements.add(state, time, element);
      }
    }
  }

  @Override
  public S merge(S older, S newer) {
    return elements.merge(older, newer);
  }

  @Override
  public Object finish(S state) {
    return elements.finish(state);
  }

  @Override
  public void write(S state, StateWriter out) {
    elements.write(state, out);
  }

  @Override
  public S read(StateReader in) {
    return elements.read(in);
  }
}
