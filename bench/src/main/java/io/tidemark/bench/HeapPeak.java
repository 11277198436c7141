package io.tidemark.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap the JVM held at once while it was open, from the garbage collector's reports. The heap only grows
 * between collections, so it peaks when one starts: the sum of the heap pools' use before each collection, or what
 * the heap holds at the end. Summing each pool's own peak would overstate it, since each pool peaks at another moment
 * (young pools just before a collection, the old pool after many).
 */
final class HeapPeak implements AutoCloseable {
  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP)
      .map(MemoryPoolMXBean::getName)
      .collect(Collectors.toSet());
  private final AtomicLong peak = new AtomicLong();
  private final List<NotificationEmitter> collectors = new ArrayList<>();
  private final NotificationListener listener = (notification, handback) -> {
    if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long before = info.getGcInfo().getMemoryUsageBeforeGc().entrySet().stream()
          .filter(pool -> heapPools.contains(pool.getKey()))
          .mapToLong(pool -> pool.getValue().getUsed())
          .sum();
      peak.accumulateAndGet(before, Math::max);
    }
  };

  private HeapPeak() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        collectors.add(emitter);
      }
    }
  }

  /** Starts watching the collections from now on. */
  static HeapPeak start() {
    return new HeapPeak();
  }

  /** The peak so far, in bytes: the most the heap held when a collection started, or what it holds now. */
  long bytes() {
    return Math.max(atCollections(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  /** The most the heap held when a collection started, of the collections reported so far (they come a little late). */
  long atCollections() {
    return peak.get();
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : collectors) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
