package io.tidemark.maintenance.retention;

import static java.util.Objects.requireNonNull;

import io.tidemark.api.ErrorCode;
import io.tidemark.api.TidemarkException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Retention settings that override a table kind's defaults, checked when read so that a wrong value stops the run
 * before anything changes.
 */
public final class RetentionOverrides {
  private static final RetentionOverrides NONE = new RetentionOverrides(new EnumMap<>(RetentionSetting.class));

  private final Map<RetentionSetting, String> values;

  private RetentionOverrides(EnumMap<RetentionSetting, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static RetentionOverrides none() {
    return NONE;
  }

  /**
   * The {@code tidemark.retention.*} entries of {@code properties}, from {@code source} (a definition file or a table);
   * other properties are ignored. A setting it cannot use fails with {@code code}, which tells a definition's
   * setting from a table's.
   */
  public static RetentionOverrides fromProperties(Map<String, String> properties, String source,
      ErrorCode code) {
    requireNonNull(source, "source is null");
    EnumMap<RetentionSetting, String> values = new EnumMap<>(RetentionSetting.class);
    properties.forEach((property, value) -> {
      if (!property.startsWith(RetentionSetting.PROPERTY_PREFIX)) {
        return;
      }
      RetentionSetting setting = RetentionSetting.fromProperty(property).orElseThrow(() -> new TidemarkException(
          code, "Unknown retention setting " + property + " in " + source + ". Fix: use one of "
              + RetentionSetting.properties()));
      check(setting, value, () -> "Invalid retention setting " + property + " = '" + value + "' in " + source,
          code);
      values.put(setting, value);
    });
    return new RetentionOverrides(values);
  }

  /** Settings given as command-line options. */
  public static RetentionOverrides fromOptions(Map<RetentionSetting, String> options) {
    EnumMap<RetentionSetting, String> values = new EnumMap<>(RetentionSetting.class);
    options.forEach((setting, value) -> {
      check(setting, value, () -> "Invalid " + setting.option() + " '" + value + "'", ErrorCode.INVALID_OPTION);
      values.put(setting, value);
    });
    return new RetentionOverrides(values);
  }

  /** These settings, each replaced by {@code later}'s where it has one. */
  public RetentionOverrides then(RetentionOverrides later) {
    EnumMap<RetentionSetting, String> merged = new EnumMap<>(RetentionSetting.class);
    merged.putAll(values);
    merged.putAll(later.values);
    return new RetentionOverrides(merged);
  }

  public RetentionPolicy applyTo(RetentionPolicy policy) {
    RetentionPolicy result = policy;
    for (Map.Entry<RetentionSetting, String> entry : values.entrySet()) {
      result = entry.getKey().apply(result, entry.getValue());
    }
    return result;
  }

  public Map<RetentionSetting, String> values() {
    return values;
  }

  /** Applies the value to a default policy, which runs every rule the setting has. */
  private static void check(RetentionSetting setting, String value, Supplier<String> message, ErrorCode code) {
    try {
      setting.apply(RetentionPolicy.defaultFor(TableKind.JOIN), value);
    } catch (RuntimeException e) {
      String reason = e instanceof IllegalArgumentException && !(e instanceof NumberFormatException)
          ? e.getMessage() + ". " : "";
      throw new TidemarkException(code, message.get() + ". " + reason + "Fix: give " + setting.accepted(), e);
    }
  }
}
