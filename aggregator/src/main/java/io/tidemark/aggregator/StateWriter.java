package io.tidemark.aggregator;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the parts of an encoded partial aggregate: unsigned and zigzag varints (LEB128, so small counts take one
 * byte), IEEE doubles and floats big-endian, length-prefixed bytes and UTF-8 text, and tagged values whose tag keeps
 * their Java type, so a finished value has the type the sweep would give. {@link StateReader} reads them back.
 */
final class StateWriter {
  /** Value tags; fixed forever, since tables keep what was written with them. */
  static final int NULL = 0;
  static final int FALSE = 1;
  static final int TRUE = 2;
  static final int BYTE = 3;
  static final int SHORT = 4;
  static final int INT = 5;
  static final int LONG = 6;
  static final int FLOAT = 7;
  static final int DOUBLE = 8;
  static final int STRING = 9;
  static final int BINARY = 10;
  static final int DECIMAL = 11;
  static final int LIST = 12;
  static final int MAP = 13;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  void writeByte(int value) {
    out.write(value);
  }

  /** A non-negative number in 1 to 10 bytes. */
  void writeUnsigned(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  /** Any long, zigzag-coded so small negative numbers stay short. */
  void writeSigned(long value) {
    writeUnsigned((value << 1) ^ (value >> 63));
  }

  void writeDouble(double value) {
    writeFixed(Double.doubleToRawLongBits(value), 8);
  }

  void writeFloat(float value) {
    writeFixed(Float.floatToRawIntBits(value), 4);
  }

  void writeBytes(byte[] bytes) {
    writeUnsigned(bytes.length);
    out.writeBytes(bytes);
  }

  void writeString(String text) {
    writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A value of any type the aggregations take, with its tag. */
  void writeValue(Object value) {
    if (value == null) {
      writeByte(NULL);
    } else if (value instanceof Boolean bool) {
      writeByte(bool ? TRUE : FALSE);
    } else if (value instanceof Byte number) {
      tagged(BYTE).writeSigned(number);
    } else if (value instanceof Short number) {
      tagged(SHORT).writeSigned(number);
    } else if (value instanceof Integer number) {
      tagged(INT).writeSigned(number);
    } else if (value instanceof Long number) {
      tagged(LONG).writeSigned(number);
    } else if (value instanceof Float number) {
      tagged(FLOAT).writeFloat(number);
    } else if (value instanceof Double number) {
      tagged(DOUBLE).writeDouble(number);
    } else if (value instanceof String text) {
      tagged(STRING).writeString(text);
    } else if (value instanceof byte[] bytes) {
      tagged(BINARY).writeBytes(bytes);
    } else if (value instanceof ByteBuffer buffer) {
      tagged(BINARY).writeBytes(bytesOf(buffer));
    } else if (value instanceof BigDecimal decimal) {
      tagged(DECIMAL).writeSigned(decimal.scale());
      writeBytes(decimal.unscaledValue().toByteArray());
    } else if (value instanceof List<?> list) {
      tagged(LIST).writeUnsigned(list.size());
      list.forEach(this::writeValue);
    } else if (value instanceof Map<?, ?> map) {
      tagged(MAP).writeUnsigned(map.size());
      map.forEach((key, element) -> {
        writeValue(key);
        writeValue(element);
      });
    } else {
      throw new IllegalArgumentException("Cannot encode a value of " + value.getClass().getName()
          + " in a partial aggregate: it holds booleans, numbers, decimals, strings, binary values, and lists and "
          + "maps of them; convert other values (such as structs) to those before aggregating");
    }
  }

  /**
   * Values in a canonical order (by their encoding), for states that are sets or multisets, so equal states always
   * encode to equal bytes.
   */
  void writeValueSet(Iterable<?> values) {
    List<byte[]> encoded = new ArrayList<>();
    for (Object value : values) {
      StateWriter one = new StateWriter();
      one.writeValue(value);
      encoded.add(one.toByteArray());
    }
    encoded.sort(Arrays::compareUnsigned);
    writeUnsigned(encoded.size());
    encoded.forEach(out::writeBytes);
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private StateWriter tagged(int tag) {
    writeByte(tag);
    return this;
  }

  private void writeFixed(long bits, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
      out.write((int) (bits >>> shift));
    }
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
