package io.tidemark.engine.compute;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.spark.Dependency;
import org.apache.spark.OneToOneDependency;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;

/**
 * The sweep's output rows, as an RDD over Spark's internal rows of the sorted union. Its parent, the sorted union's
 * own RDD, is planned only when a job first asks for this RDD's partitions: planning it runs the shuffle that sorts
 * the union (with adaptive execution, Spark runs a plan's shuffles as it plans them), which must happen inside the job
 * that reads the rows, so that a data check failing there fails that job, and a dataset never read costs nothing.
 */
final class SweepRDD extends RDD<InternalRow> {
  private static final long serialVersionUID = 1L;

  private final transient Dataset<Row> sorted;
  private final SweepFunction sweep;
  private transient RDD<InternalRow> parent;

  private SweepRDD(Dataset<Row> sorted, SweepFunction sweep) {
    super(sorted.sparkSession().sparkContext(), CollectionConverters.asScala(List.<Dependency<?>>of()).toSeq(),
        ClassTag$.MODULE$.apply(InternalRow.class));
    this.sorted = requireNonNull(sorted, "sorted is null");
    this.sweep = requireNonNull(sweep, "sweep is null");
  }

  /** The rows {@code sweep} makes of {@code sorted}, with {@code schema}: a dataset nothing has run for yet. */
  static Dataset<Row> of(Dataset<Row> sorted, SweepFunction sweep, StructType schema) {
    SparkSession session = (SparkSession) sorted.sparkSession();
    return session.internalCreateDataFrame(new SweepRDD(sorted, sweep), schema, false);
  }

  private synchronized RDD<InternalRow> parent() {
    if (parent == null) {
      parent = sorted.queryExecution().toRdd();
    }
    return parent;
  }

  @Override
  public Partition[] getPartitions() {
    return parent().partitions();
  }

  @Override
  public Seq<Dependency<?>> getDependencies() {
    return CollectionConverters.asScala(List.<Dependency<?>>of(new OneToOneDependency<>(parent()))).toSeq();
  }

  @Override
  public Iterator<InternalRow> compute(Partition split, TaskContext context) {
    RDD<InternalRow> input = firstParent(ClassTag$.MODULE$.apply(InternalRow.class));
    return CollectionConverters.asScala(sweep.call(CollectionConverters.asJava(input.iterator(split, context))));
  }
}
