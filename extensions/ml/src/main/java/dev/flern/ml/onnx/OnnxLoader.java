package dev.flern.ml.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.flern.FlernException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an ONNX model (a serialized ModelProto) from a file, bytes or a stream. */
public final class OnnxLoader {
  private OnnxLoader() {}

  public static ModelProto load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new FlernException("cannot read ONNX model " + file + ": " + e.getMessage(), e);
    }
  }

  public static ModelProto parse(byte[] bytes) {
    try {
      return check(ModelProto.parseFrom(bytes), "the given bytes");
    } catch (InvalidProtocolBufferException e) {
      throw new FlernException("the given bytes are not an ONNX model: " + e.getMessage(), e);
    }
  }

  /** Reads the whole stream; does not close it. */
  public static ModelProto read(InputStream in) {
    return parse(in, "the stream");
  }

  private static ModelProto parse(InputStream in, String source) {
    try {
      return check(ModelProto.parseFrom(in), source);
    } catch (InvalidProtocolBufferException e) {
      throw new FlernException(source + " is not an ONNX model: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new FlernException("cannot read ONNX model from " + source + ": " + e.getMessage(), e);
    }
  }

  // Protobuf accepts many byte strings as an empty or odd message; a model always has a graph.
  private static ModelProto check(ModelProto m, String source) {
    if (!m.hasGraph() || m.getGraph().getNodeCount() == 0 && m.getGraph().getOutputCount() == 0) {
      throw new FlernException(source + " is not an ONNX model: it has no graph");
    }
    return m;
  }
}
