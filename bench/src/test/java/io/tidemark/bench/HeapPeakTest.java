package io.tidemark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapPeakTest {
  private static final int GARBAGE_BYTES = 96 * 1024 * 1024;

  /**
   * An array that is garbage when a collection starts is still in the heap then, so it counts toward the peak though
   * the collection frees it; and the peak never exceeds the heap (the pools' peaks summed could).
   */
  @Test
  void whatTheHeapHeldWhenACollectionStartedCountsTowardThePeak() throws InterruptedException {
    try (HeapPeak heap = HeapPeak.start()) {
      byte[] garbage = new byte[GARBAGE_BYTES];
      garbage[GARBAGE_BYTES - 1] = 1;
      garbage = null;
      System.gc();
      // The collector's reports arrive on a thread of their own, shortly after the collection.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (heap.atCollections() < GARBAGE_BYTES && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(heap.atCollections()).isGreaterThanOrEqualTo(GARBAGE_BYTES);
      assertThat(heap.bytes()).isGreaterThanOrEqualTo(heap.atCollections())
          .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
    }
  }
}
