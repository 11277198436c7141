package io.tidemark.aggregator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link StateWriter} wrote. Damaged bytes (cut short, an unknown tag, a length past the end) are refused
 * with an {@link IllegalArgumentException} saying what is wrong with them, rather than read as some other state.
 */
final class StateReader {
  private final byte[] bytes;
  private int position;

  StateReader(byte[] bytes, int position) {
    this.bytes = bytes;
    this.position = position;
  }

  int readByte() {
    need(1);
    return bytes[position++] & 0xFF;
  }

  long readUnsigned() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw damaged("a number runs over ten bytes");
  }

  /** An unsigned number used as a size or count of things stored after it, checked against what is left. */
  int readSize() {
    long size = readUnsigned();
    if (size > bytes.length - position) {
      throw damaged("a size of " + size + " is larger than the " + (bytes.length - position) + " bytes left");
    }
    return (int) size;
  }

  long readSigned() {
    long zigzag = readUnsigned();
    return (zigzag >>> 1) ^ -(zigzag & 1);
  }

  double readDouble() {
    return Double.longBitsToDouble(readFixed(8));
  }

  float readFloat() {
    return Float.intBitsToFloat((int) readFixed(4));
  }

  byte[] readBytes() {
    int length = readSize();
    byte[] read = new byte[length];
    System.arraycopy(bytes, position, read, 0, length);
    position += length;
    return read;
  }

  String readString() {
    return new String(readBytes(), StandardCharsets.UTF_8);
  }

  Object readValue() {
    int tag = readByte();
    return switch (tag) {
      case StateWriter.NULL -> null;
      case StateWriter.FALSE -> false;
      case StateWriter.TRUE -> true;
      case StateWriter.BYTE -> (byte) readSigned();
      case StateWriter.SHORT -> (short) readSigned();
      case StateWriter.INT -> (int) readSigned();
      case StateWriter.LONG -> readSigned();
      case StateWriter.FLOAT -> readFloat();
      case StateWriter.DOUBLE -> readDouble();
      case StateWriter.STRING -> readString();
      case StateWriter.BINARY -> readBytes();
      case StateWriter.DECIMAL -> {
        int scale = (int) readSigned();
        yield new BigDecimal(new BigInteger(readBytes()), scale);
      }
      case StateWriter.LIST -> {
        int size = readSize();
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(readValue());
        }
        yield list;
      }
      case StateWriter.MAP -> {
        int size = readSize();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
          map.put(readValue(), readValue());
        }
        yield map;
      }
      default -> throw damaged("unknown value tag " + tag);
    };
  }

  /** Checks that the whole encoding was read: bytes left over mean it is not the state it claims to be. */
  void finish() {
    if (position != bytes.length) {
      throw damaged((bytes.length - position) + " bytes are left after the state");
    }
  }

  private long readFixed(int count) {
    need(count);
    long bits = 0;
    for (int i = 0; i < count; i++) {
      bits = (bits << 8) | (bytes[position++] & 0xFF);
    }
    return bits;
  }

  private void need(int count) {
    if (bytes.length - position < count) {
      throw damaged("it ends early");
    }
  }

  static IllegalArgumentException damaged(String what) {
    return new IllegalArgumentException("its bytes are damaged (" + what + ")");
  }
}
