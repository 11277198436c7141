package io.tidemark.online.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbOnlineStoreTest {
  private static final byte[] USER_5 = KeyCodec.encode(List.of("5"));
  private static final byte[] USER_6 = KeyCodec.encode(List.of("6"));

  @TempDir
  Path folder;

  @Test
  void publishedVersionsAreListedOldestFirstAndReadByKey() {
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(folder)) {
      upload(store, "2023-11-30", "thirty");
      upload(store, "2023-11-29", "twenty-nine");

      assertThat(store.versions("g")).containsExactly("2023-11-29", "2023-11-30");
      assertThat(text(store.read("g", "2023-11-29", List.of(USER_5, USER_6))))
          .containsExactly(Optional.of("twenty-nine"), Optional.empty());
      assertThat(text(store.read("g", "2023-11-30", List.of(USER_5)))).containsExactly(Optional.of("thirty"));
      assertThat(store.versions("never-uploaded")).isEmpty();
    }
  }

  @Test
  void versionIsInvisibleUntilPublishedAndAbandonedBuildsLeaveNothing() throws Exception {
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(folder)) {
      try (VersionWriter writer = store.newVersion("g", "2023-11-30")) {
        writer.put(USER_5, "half".getBytes(UTF_8));
        assertThat(store.versions("g")).isEmpty();
      }
      assertThat(store.versions("g")).isEmpty();
      try (Stream<Path> builds = Files.list(folder.resolve("g").resolve("builds"))) {
        assertThat(builds).isEmpty();
      }
    }
  }

  @Test
  void uploadingADayAgainReplacesItsVersionAndRemovesTheOldBuild() throws Exception {
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(folder)) {
      upload(store, "2023-11-30", "first");
      assertThat(text(store.read("g", "2023-11-30", List.of(USER_5)))).containsExactly(Optional.of("first"));

      PublishedVersion second = upload(store, "2023-11-30", "second");

      assertThat(second.keys()).isEqualTo(1);
      assertThat(second.bytes()).isEqualTo(USER_5.length + "second".length());
      assertThat(store.versions("g")).containsExactly("2023-11-30");
      assertThat(text(store.read("g", "2023-11-30", List.of(USER_5)))).containsExactly(Optional.of("second"));
      try (Stream<Path> builds = Files.list(folder.resolve("g").resolve("builds"))) {
        assertThat(builds).hasSize(1);
      }
    }
  }

  @Test
  void readerSeesEveryUploadOfAnotherOpenerWholeWithoutReopening() throws Exception {
    try (RocksDbOnlineStore reader = RocksDbOnlineStore.open(folder);
        RocksDbOnlineStore uploader = RocksDbOnlineStore.open(folder)) {
      upload(uploader, "2023-11-30", "v0");
      AtomicBoolean uploading = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
      Thread reading = new Thread(() -> {
        while (uploading.get()) {
          List<Optional<byte[]>> values = reader.read("g", "2023-11-30", List.of(USER_5, USER_6));
          String five = new String(values.get(0).orElseThrow(), UTF_8);
          String six = new String(values.get(1).orElse("none".getBytes(UTF_8)), UTF_8);
          // Both keys come from one version: an upload never shows half-written.
          assertThat(six).isIn("none", five);
          seen.add(five);
        }
      });
      reading.start();
      for (int upload = 1; upload <= 20; upload++) {
        try (VersionWriter writer = uploader.newVersion("g", "2023-11-30")) {
          writer.put(USER_5, ("v" + upload).getBytes(UTF_8));
          writer.put(USER_6, ("v" + upload).getBytes(UTF_8));
          writer.publish();
        }
      }
      Thread.sleep(50);
      uploading.set(false);
      reading.join();

      assertThat(seen).isNotEmpty();
      assertThat(seen.stream().reduce((first, last) -> last)).contains("v20");
      assertThat(text(reader.read("g", "2023-11-30", List.of(USER_5)))).containsExactly(Optional.of("v20"));
    }
  }

  @Test
  void canonicalKeysMatchAcrossIntegerWidthsAndKeepStringsApart() {
    assertThat(KeyCodec.encode(List.of(5))).isEqualTo(KeyCodec.encode(List.of(5L)));
    assertThat(KeyCodec.encode(List.of("5"))).isNotEqualTo(KeyCodec.encode(List.of(5L)));
    assertThat(KeyCodec.encode(List.of("ab", "c"))).isNotEqualTo(KeyCodec.encode(List.of("a", "bc")));
  }

  @Test
  void badNamesAreRefusedWithTheFix() {
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(folder)) {
      assertThatThrownBy(() -> store.newVersion("../g", "2023-11-30"))
          .hasMessage("Invalid dataset name '../g': use letters, digits, '_', '.' and '-' only");
      assertThatThrownBy(() -> store.newVersion("g", "2023-11-31"))
          .hasMessage("Invalid version '2023-11-31': give a day as yyyy-MM-dd");
    }
  }

  @Test
  void sortedFilesWrittenElsewhereMoveIntoAVersionBesidePutEntries() throws Exception {
    byte[] user7 = KeyCodec.encode(List.of("7"));
    byte[] user8 = KeyCodec.encode(List.of("8"));
    try (RocksDbOnlineStore store = RocksDbOnlineStore.open(folder.resolve("store"))) {
      PublishedVersion published;
      try (VersionWriter writer = store.newVersion("g", "2023-11-30")) {
        writer.put(USER_5, "put".getBytes(UTF_8));
        SortedFile first = SortedFile.write(folder.resolve("a.sst"), List.of(entry(USER_6, "six")).iterator())
            .orElseThrow();
        SortedFile second = SortedFile.write(writer.sortedFilesFolder().resolve("b.sst"),
            List.of(entry(user7, "seven"), entry(user8, "eight")).iterator()).orElseThrow();
        writer.addSortedFiles(List.of(first, second));
        published = writer.publish();
      }

      // Keys and values: "put" 3 + 6 bytes, "six" 6 + 3, "seven" 6 + 5, "eight" 6 + 5; every key is 6 bytes.
      assertThat(published.keys()).isEqualTo(4);
      assertThat(published.bytes()).isEqualTo(9 + 9 + 11 + 11);
      assertThat(text(store.read("g", "2023-11-30", List.of(USER_5, USER_6, user7, user8))))
          .containsExactly(Optional.of("put"), Optional.of("six"), Optional.of("seven"), Optional.of("eight"));
      assertThat(folder.resolve("a.sst")).doesNotExist();
      try (Stream<Path> builds = Files.list(folder.resolve("store/g/builds"))) {
        assertThat(builds.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".files"));
      }
    }
  }

  @Test
  void aSortedFileRefusesKeysThatAreNotIncreasing() {
    assertThatThrownBy(() -> SortedFile.write(folder.resolve("bad.sst"),
        List.of(entry(USER_6, "six"), entry(USER_5, "five")).iterator()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot write " + folder.resolve("bad.sst") + ": keys must be unique and in increasing order, "
            + "and key 1 is not after the one before it");
    assertThat(SortedFile.write(folder.resolve("empty.sst"), List.<Map.Entry<byte[], byte[]>>of().iterator()))
        .isEmpty();
  }

  private static Map.Entry<byte[], byte[]> entry(byte[] key, String value) {
    return Map.entry(key, value.getBytes(UTF_8));
  }

  private static PublishedVersion upload(OnlineStore store, String ds, String value) {
    try (VersionWriter writer = store.newVersion("g", ds)) {
      writer.put(USER_5, value.getBytes(UTF_8));
      return writer.publish();
    }
  }

  private static List<Optional<String>> text(List<Optional<byte[]>> values) {
    return values.stream().map(value -> value.map(bytes -> new String(bytes, UTF_8))).toList();
  }
}
