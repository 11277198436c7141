package io.tidemark.online.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The canonical bytes of a key: each component in key order as a tag byte and its value. Integers of every width are
 * encoded as one 64-bit integer, so an {@code int} key uploaded from Spark and the same number given in a request
 * meet; strings are length-prefixed UTF-8, so no two keys share an encoding.
 */
public final class KeyCodec {
  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte INTEGER = 2;
  private static final byte BOOLEAN = 3;
  private static final byte FLOATING = 4;

  private KeyCodec() {}

  /** Encodes key components: each a {@link String}, an integral or floating {@link Number}, a boolean or null. */
  public static byte[] encode(List<?> components) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * components.size());
    for (Object component : components) {
      if (component == null) {
        out.write(NULL);
      } else if (component instanceof String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.write(STRING);
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
      } else if (component instanceof Long || component instanceof Integer || component instanceof Short
          || component instanceof Byte) {
        out.write(INTEGER);
        out.writeBytes(ByteBuffer.allocate(8).putLong(((Number) component).longValue()).array());
      } else if (component instanceof Double || component instanceof Float) {
        out.write(FLOATING);
        out.writeBytes(ByteBuffer.allocate(8).putDouble(((Number) component).doubleValue()).array());
      } else if (component instanceof Boolean flag) {
        out.write(BOOLEAN);
        out.write(flag ? 1 : 0);
      } else {
        throw new IllegalArgumentException("Cannot encode a key component of type " + component.getClass().getName()
            + ": convert it to a string, an integer, a floating-point number or a boolean first");
      }
    }
    return out.toByteArray();
  }
}
