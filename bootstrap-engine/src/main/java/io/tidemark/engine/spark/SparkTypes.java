package io.tidemark.engine.spark;

import io.tidemark.aggregator.InputKind;
import io.tidemark.aggregator.OutputShape;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.jdk.javaapi.CollectionConverters;

/** Between Spark's types and values and the aggregator's type families and Java values. */
final class SparkTypes {
  private SparkTypes() {}

  static Optional<InputKind> inputKind(DataType type) {
    InputKind kind = null;
    if (type instanceof BooleanType) {
      kind = InputKind.BOOLEAN;
    } else if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType
        || type instanceof LongType) {
      kind = InputKind.INTEGRAL;
    } else if (type instanceof FloatType || type instanceof DoubleType) {
      kind = InputKind.FLOATING;
    } else if (type instanceof DecimalType) {
      kind = InputKind.DECIMAL;
    } else if (type instanceof StringType) {
      kind = InputKind.STRING;
    } else if (type instanceof BinaryType) {
      kind = InputKind.BINARY;
    } else if (type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType) {
      kind = InputKind.TEMPORAL;
    } else if (type instanceof ArrayType || type instanceof MapType || type instanceof StructType) {
      kind = InputKind.NESTED;
    }
    return Optional.ofNullable(kind);
  }

  static DataType outputType(OutputShape shape, DataType input) {
    return switch (shape) {
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case LIST_OF_INPUT -> DataTypes.createArrayType(input, true);
    };
  }

  /** An aggregator result as Spark's row encoder wants it: lists become Scala sequences. */
  static Object toSpark(Object value) {
    if (value instanceof List<?> list) {
      return CollectionConverters.asScala(list).toSeq();
    }
    return value;
  }
}
