package dev.flern.ml.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.flern.FlernException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to a node's attributes. Each converter names the attributes its operator has; any
 * other attribute is an error, so nothing the model asks for is silently ignored.
 */
final class OnnxAttributes {
  private final String node;
  private final Map<String, AttributeProto> byName = new HashMap<>();

  OnnxAttributes(NodeProto proto, String describe, Set<String> known) {
    this.node = describe;
    for (AttributeProto a : proto.getAttributeList()) {
      if (!known.contains(a.getName())) {
        throw new FlernException(node + ": unsupported attribute '" + a.getName() + "'");
      }
      if (!a.getRefAttrName().isEmpty()) {
        throw new FlernException(node + ": attribute '" + a.getName() + "' refers to a function attribute, which is not supported");
      }
      byName.put(a.getName(), a);
    }
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }

  long getInt(String name, long dflt) {
    return get(name, AttributeType.INT).map(AttributeProto::getI).orElse(dflt);
  }

  /** An INT attribute that must be 0 or 1. */
  boolean getBool(String name, boolean dflt) {
    long v = getInt(name, dflt ? 1 : 0);
    if (v != 0 && v != 1) {
      throw new FlernException(node + ": attribute " + name + " must be 0 or 1, got " + v);
    }
    return v == 1;
  }

  float getFloat(String name, float dflt) {
    return get(name, AttributeType.FLOAT).map(AttributeProto::getF).orElse(dflt);
  }

  String getString(String name, String dflt) {
    return get(name, AttributeType.STRING).map(a -> a.getS().toStringUtf8()).orElse(dflt);
  }

  Optional<long[]> getInts(String name) {
    return get(name, AttributeType.INTS).map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray());
  }

  Optional<float[]> getFloats(String name) {
    return get(name, AttributeType.FLOATS).map(a -> {
      float[] v = new float[a.getFloatsCount()];
      for (int i = 0; i < v.length; i++) {
        v[i] = a.getFloats(i);
      }
      return v;
    });
  }

  Optional<AttributeProto> get(String name, AttributeType type) {
    AttributeProto a = byName.get(name);
    if (a == null) {
      return Optional.empty();
    }
    // Old writers leave the type unset; then the field that is set decides.
    if (a.getType() != type && a.getType() != AttributeType.UNDEFINED) {
      throw new FlernException(node + ": attribute " + name + " is of type " + a.getType() + ", expected " + type);
    }
    return Optional.of(a);
  }

  /** A required INTS attribute converted to int[] of a given length (or any length if len < 0). */
  int[] requireInts(String name, int len) {
    long[] v = getInts(name).orElseThrow(() -> new FlernException(node + ": attribute " + name + " is required"));
    return toInts(name, v, len);
  }

  int[] toInts(String name, long[] v, int len) {
    if (len >= 0 && v.length != len) {
      throw new FlernException(node + ": attribute " + name + " needs " + len + " values, got " + v.length);
    }
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
        throw new FlernException(node + ": attribute " + name + " has an out-of-range value " + v[i]);
      }
      r[i] = (int) v[i];
    }
    return r;
  }
}
