package dev.flern.ml.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import dev.flern.FlernException;
import dev.flern.ml.ir.ElementType;
import dev.flern.ml.ir.FloatTensor;
import dev.flern.ml.ir.LongTensor;
import dev.flern.ml.ir.Shape;
import dev.flern.ml.ir.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Conversion between ONNX TensorProtos and the IR's tensor data. */
public final class OnnxTensors {
  private OnnxTensors() {}

  /**
   * The values of an initializer or Constant. FLOAT and INT64 are kept; INT32 constants (indices,
   * axes) and BOOL ones (a Dropout's training_mode) widen to INT64; every other element type is an
   * error.
   */
  public static TensorData toData(TensorProto t, String what) {
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      throw new FlernException(what + " stores its data outside the model file (external data), which is not supported");
    }
    if (t.hasSegment()) {
      throw new FlernException(what + " is a segmented tensor, which is not supported");
    }
    int[] dims = new int[t.getDimsCount()];
    for (int i = 0; i < dims.length; i++) {
      long d = t.getDims(i);
      if (d < 0 || d > Integer.MAX_VALUE) {
        throw new FlernException(what + " has an invalid dimension " + d);
      }
      dims[i] = (int) d;
    }
    Shape shape = Shape.of(dims);
    int n = shape.size();
    ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    boolean hasRaw = !t.getRawData().isEmpty();
    DataType type = DataType.forNumber(t.getDataType());
    switch (type == null ? DataType.UNDEFINED : type) {
      case FLOAT -> {
        float[] v = new float[n];
        int count = hasRaw ? raw.remaining() / 4 : t.getFloatDataCount();
        checkCount(what, n, count);
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? raw.getFloat(4 * i) : t.getFloatData(i);
        }
        return new FloatTensor(shape, v);
      }
      case INT64 -> {
        long[] v = new long[n];
        int count = hasRaw ? raw.remaining() / 8 : t.getInt64DataCount();
        checkCount(what, n, count);
        for (int i = 0; i < n; i++) {
          v[i] = hasRaw ? raw.getLong(8 * i) : t.getInt64Data(i);
        }
        return new LongTensor(shape, v);
      }
      case INT32, BOOL -> {
        // Both store in int32_data; raw, an int32 takes 4 bytes and a bool 1.
        int width = type == DataType.BOOL ? 1 : 4;
        long[] v = new long[n];
        int count = hasRaw ? raw.remaining() / width : t.getInt32DataCount();
        checkCount(what, n, count);
        for (int i = 0; i < n; i++) {
          v[i] = !hasRaw ? t.getInt32Data(i) : width == 1 ? raw.get(i) : raw.getInt(4 * i);
        }
        return new LongTensor(shape, v);
      }
      default -> throw new FlernException(what + " has element type " + (type == null ? t.getDataType() : type)
          + "; only FLOAT and INT64 tensors are supported");
    }
  }

  private static void checkCount(String what, int expected, int got) {
    if (expected != got) {
      throw new FlernException(what + " declares " + expected + " elements but holds " + got);
    }
  }

  /** An IR element type from an ONNX one, or an error naming {@code what}. */
  public static ElementType elementType(int onnxType, String what) {
    DataType type = DataType.forNumber(onnxType);
    if (type == DataType.FLOAT) {
      return ElementType.FLOAT32;
    }
    if (type == DataType.INT64) {
      return ElementType.INT64;
    }
    throw new FlernException(what + " has element type " + (type == null ? onnxType : type)
        + "; only FLOAT and INT64 tensors are supported");
  }

  public static DataType onnxType(ElementType type) {
    return switch (type) {
      case FLOAT32 -> DataType.FLOAT;
      case INT64 -> DataType.INT64;
    };
  }

  /** A TensorProto holding {@code data} as little-endian raw bytes. */
  public static TensorProto toProto(String name, TensorData data) {
    TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(onnxType(data.type()).getNumber());
    for (int d : data.shape().dims()) {
      b.addDims(d);
    }
    ByteBuffer buf;
    switch (data) {
      case FloatTensor f -> {
        buf = ByteBuffer.allocate(4 * f.values().length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(f.values());
      }
      case LongTensor l -> {
        buf = ByteBuffer.allocate(8 * l.values().length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(l.values());
      }
    }
    return b.setRawData(ByteString.copyFrom(buf.array())).build();
  }
}
