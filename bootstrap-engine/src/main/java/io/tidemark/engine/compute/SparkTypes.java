package io.tidemark.engine.compute;

import io.tidemark.aggregator.ColumnPlan;
import io.tidemark.aggregator.Container;
import io.tidemark.aggregator.InputKind;
import io.tidemark.aggregator.InputType;
import io.tidemark.api.definition.FieldType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Between Spark's types and values and the aggregator's input types and Java values. */
final class SparkTypes {
  private SparkTypes() {}

  /** The aggregator's view of a column type: lists and string maps are containers, the rest single values. */
  static Optional<InputType> inputType(DataType type) {
    if (type instanceof ArrayType array) {
      return kind(array.elementType()).map(kind -> new InputType(Container.LIST, kind));
    }
    if (type instanceof MapType map && map.keyType() instanceof StringType) {
      return kind(map.valueType()).map(kind -> new InputType(Container.STRING_MAP, kind));
    }
    return kind(type).map(InputType::scalar);
  }

  /** The Spark type of an aggregation's output, given the type of the values it aggregates. */
  static DataType outputType(ColumnPlan plan, DataType valueType) {
    DataType single = switch (plan.shape()) {
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case INPUT -> valueType;
      case LIST_OF_INPUT -> DataTypes.createArrayType(valueType, true);
      case LIST_OF_FLOAT -> DataTypes.createArrayType(DataTypes.FloatType, true);
      case MAP_STRING_TO_INT -> DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, true);
      case MAP_STRING_TO_LONG -> DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true);
    };
    return plan.isKeyed() ? DataTypes.createMapType(DataTypes.StringType, single, true) : single;
  }

  /** The type of the values an aggregation sees in a column: list elements, map values, or the column itself. */
  static DataType valueType(ColumnPlan plan, DataType columnType) {
    return switch (plan.layout()) {
      case LIST -> ((ArrayType) columnType).elementType();
      case STRING_MAP -> ((MapType) columnType).valueType();
      case NONE -> columnType;
    };
  }

  /** A Spark value as the aggregator reads containers: Scala sequences and maps become Java ones, all the way down. */
  static Object toJava(Object value) {
    if (value instanceof Seq<?> seq) {
      List<Object> converted = new ArrayList<>(seq.size());
      CollectionConverters.asJava(seq).forEach(element -> converted.add(toJava(element)));
      return converted;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> converted = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((key, element) -> converted.put(toJava(key), toJava(element)));
      return converted;
    }
    return value;
  }

  /** The Spark type of an external part's field. */
  static DataType of(FieldType type) {
    return switch (type) {
      case BOOLEAN -> DataTypes.BooleanType;
      case BYTE -> DataTypes.ByteType;
      case SHORT -> DataTypes.ShortType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case FLOAT -> DataTypes.FloatType;
      case DOUBLE -> DataTypes.DoubleType;
      case STRING -> DataTypes.StringType;
      case BINARY -> DataTypes.BinaryType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
    };
  }

  /** Whether a type is or holds a map anywhere inside. */
  static boolean containsMap(DataType type) {
    if (type instanceof MapType) {
      return true;
    }
    if (type instanceof ArrayType array) {
      return containsMap(array.elementType());
    }
    if (type instanceof StructType struct) {
      return Arrays.stream(struct.fields()).anyMatch(field -> containsMap(field.dataType()));
    }
    return false;
  }

  private static Optional<InputKind> kind(DataType type) {
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
}
