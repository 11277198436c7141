package io.tidemark.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;

class ObjectStoreFilesTest {
  @Test
  void schemesWithoutAWorkingFileSystemGetTheObjectStoreOneWithTheCatalogsStorageSettings() {
    Configuration hadoop = new Configuration(false);
    // Hadoop's defaults name S3A for s3a://, whose classes (hadoop-aws) are not on Spark's class path.
    hadoop.set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");

    ObjectStoreFiles.configure(hadoop, Map.of("s3.endpoint", "http://127.0.0.1:9000", "client.region", "us-east-1",
        "uri", "http://127.0.0.1:19120/iceberg/main", "token", "not-storage"));

    assertThat(hadoop.get("fs.s3.impl")).isEqualTo(ObjectStoreFileSystem.class.getName());
    assertThat(hadoop.get("fs.s3a.impl")).isEqualTo(ObjectStoreFileSystem.class.getName());
    assertThat(hadoop.getPropsWithPrefix("tidemark.object-store."))
        .isEqualTo(Map.of("s3.endpoint", "http://127.0.0.1:9000", "client.region", "us-east-1"));
  }

  @Test
  void aFileSystemTheClusterBringsForASchemeIsKept() {
    Configuration hadoop = new Configuration(false);
    hadoop.set("fs.s3.impl", RawLocalFileSystem.class.getName());

    ObjectStoreFiles.configure(hadoop, Map.of());

    assertThat(hadoop.get("fs.s3.impl")).isEqualTo(RawLocalFileSystem.class.getName());
    assertThat(hadoop.get("fs.s3a.impl")).isEqualTo(ObjectStoreFileSystem.class.getName());
  }
}
