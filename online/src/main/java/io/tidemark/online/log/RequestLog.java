package io.tidemark.online.log;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidemark.api.time.PartitionDates;
import io.tidemark.online.DurableFiles;
import io.tidemark.online.OnlineLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The durable log of join fetches, with group commit: callers enqueue records; one writer thread takes every record
 * waiting, appends them to their segments, forces each segment once, and only then completes the records' futures.
 * So a request is acknowledged only after its line is on disk, and under load one fsync covers many requests. A record
 * whose write or fsync fails completes exceptionally: its request must fail, never be answered without its record.
 *
 * <p>Each process writes its own segment files, one per join and day ({@code ds} of the request time, UTC), named
 * {@code <start millis>-<pid>-<n>.jsonl}; a schema file is written, atomically, before the first record that names it.
 */
public final class RequestLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUEUE_CAPACITY = 65_536;
  private static final int MAX_BATCH = 8_192;
  private static final int MAX_OPEN_SEGMENTS = 8;
  private static final AtomicLong SEGMENT_NUMBER = new AtomicLong();

  private final OnlineLayout layout;
  private final Clock clock;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
  private final Map<String, Path> publishedSchemas = new ConcurrentHashMap<>();
  private final Map<String, Segment> openSegments = new LinkedHashMap<>(16, 0.75f, true);
  private final Thread writer;
  private boolean closing;
  private long records;
  private long batches;
  private long largestBatch;
  private long failedRecords;

  private RequestLog(OnlineLayout layout, Clock clock) {
    this.layout = layout;
    this.clock = clock;
    this.writer = new Thread(this::writeLoop, "tidemark-request-log");
    writer.setDaemon(true);
    writer.start();
  }

  /** Starts the log of the online folder {@code layout}. */
  public static RequestLog open(OnlineLayout layout, Clock clock) {
    return new RequestLog(requireNonNull(layout, "layout is null"), requireNonNull(clock, "clock is null"));
  }

  /**
   * Logs one join fetch made at {@code ts}; the future completes once the record is on disk, or exceptionally with a
   * {@link LogWriteException} when it could not be made durable.
   */
  public CompletableFuture<Void> append(LogSchema schema, long ts, ObjectNode keys, ObjectNode values) {
    CompletableFuture<Void> durable = new CompletableFuture<>();
    byte[] line;
    try {
      publish(schema);
      ObjectNode record = JSON.createObjectNode();
      record.put("schema_hash", schema.hash());
      record.put("ts", ts);
      record.set("keys", keys);
      record.set("values", values);
      line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      durable.completeExceptionally(new LogWriteException("Cannot write the logging schema " + schema.hash()
          + " of " + schema.join() + " under " + layout.joinLog(schema.join()) + ": " + e.getMessage(), e));
      return durable;
    }
    closeLock.readLock().lock();
    try {
      if (closing) {
        durable.completeExceptionally(new LogWriteException("The request log is closing: the service is stopping",
            null));
      } else if (!queue.offer(new Pending(schema.join(), PartitionDates.dayOf(ts), line, durable))) {
        durable.completeExceptionally(new LogWriteException("The request log is " + QUEUE_CAPACITY
            + " records behind the disk: the disk is too slow for this load", null));
      }
    } finally {
      closeLock.readLock().unlock();
    }
    if (durable.isCompletedExceptionally()) {
      countFailed(1);
    }
    return durable;
  }

  public synchronized LogStatistics statistics() {
    return new LogStatistics(records, batches, largestBatch, failedRecords);
  }

  /** Refuses new records, writes and forces every record already accepted, and closes the segments. */
  @Override
  public void close() {
    closeLock.writeLock().lock();
    try {
      closing = true;
    } finally {
      closeLock.writeLock().unlock();
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void publish(LogSchema schema) throws IOException {
    String key = schema.join() + "/" + schema.hash();
    if (publishedSchemas.containsKey(key)) {
      return;
    }
    synchronized (publishedSchemas) {
      if (publishedSchemas.containsKey(key)) {
        return;
      }
      Path file = layout.joinLog(schema.join()).resolve("schemas").resolve(schema.hash() + ".json");
      if (!Files.exists(file)) {
        DurableFiles.writeAtomically(file, schema.fileContent(clock.millis()));
      }
      publishedSchemas.put(key, file);
    }
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      Pending first;
      try {
        first = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null) {
        if (isClosing() && queue.isEmpty()) {
          break;
        }
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, MAX_BATCH - 1);
      writeBatch(batch);
      batch.clear();
    }
    for (Segment segment : openSegments.values()) {
      closeQuietly(segment);
    }
    openSegments.clear();
  }

  private boolean isClosing() {
    closeLock.readLock().lock();
    try {
      return closing;
    } finally {
      closeLock.readLock().unlock();
    }
  }

  private void writeBatch(List<Pending> batch) {
    Map<String, List<Pending>> bySegment = new LinkedHashMap<>();
    for (Pending pending : batch) {
      bySegment.computeIfAbsent(pending.join() + "/" + pending.ds(), key -> new ArrayList<>()).add(pending);
    }
    Map<Segment, List<Pending>> written = new LinkedHashMap<>();
    for (Map.Entry<String, List<Pending>> group : bySegment.entrySet()) {
      Pending any = group.getValue().get(0);
      Segment segment = null;
      try {
        segment = segment(group.getKey(), any.join(), any.ds());
        segment.append(group.getValue().stream().map(Pending::line).toList());
        written.put(segment, group.getValue());
      } catch (IOException e) {
        fail(group.getValue(), segment, group.getKey(), "Cannot append to the request log of " + any.join(), e);
      }
    }
    int durable = 0;
    for (Map.Entry<Segment, List<Pending>> entry : written.entrySet()) {
      Segment segment = entry.getKey();
      try {
        segment.sync();
        entry.getValue().forEach(pending -> pending.durable().complete(null));
        durable += entry.getValue().size();
      } catch (IOException e) {
        String key = entry.getValue().get(0).join() + "/" + entry.getValue().get(0).ds();
        fail(entry.getValue(), segment, key, "Cannot force the request log " + segment.file() + " to disk", e);
      }
    }
    synchronized (this) {
      records += durable;
      batches++;
      largestBatch = Math.max(largestBatch, batch.size());
    }
  }

  /**
   * Fails the records and retires the segment: after a failed write or fsync its content on disk is unknown, so later
   * records go to a new segment.
   */
  private void fail(List<Pending> failed, Segment segment, String key, String message, IOException cause) {
    LogWriteException error = new LogWriteException(message + ": " + cause.getMessage(), cause);
    failed.forEach(pending -> pending.durable().completeExceptionally(error));
    countFailed(failed.size());
    if (segment != null) {
      openSegments.remove(key);
      closeQuietly(segment);
    }
  }

  private synchronized void countFailed(int count) {
    failedRecords += count;
  }

  private Segment segment(String key, String join, String ds) throws IOException {
    Segment segment = openSegments.get(key);
    if (segment != null) {
      return segment;
    }
    if (openSegments.size() >= MAX_OPEN_SEGMENTS) {
      Iterator<Segment> eldest = openSegments.values().iterator();
      closeQuietly(eldest.next());
      eldest.remove();
    }
    String name = clock.millis() + "-" + ProcessHandle.current().pid() + "-" + SEGMENT_NUMBER.incrementAndGet()
        + ".jsonl";
    segment = Segment.create(layout.joinLog(join).resolve("ds=" + ds).resolve(name));
    openSegments.put(key, segment);
    return segment;
  }

  private static void closeQuietly(Segment segment) {
    try {
      segment.close();
    } catch (IOException e) {
      // Every record in it was forced or failed already; a failing close loses nothing acknowledged.
    }
  }

  private record Pending(String join, String ds, byte[] line, CompletableFuture<Void> durable) {}
}
