package dev.flern.compile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a sequence of fields. Each field is length-prefixed, so ("ab","c") and ("a","bc")
 * hash differently: keys built from several parts cannot collide by shifting text between parts.
 */
final class Sha256 {
  private final MessageDigest digest;

  Sha256() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  Sha256 field(String s) {
    return field(s.getBytes(StandardCharsets.UTF_8));
  }

  Sha256 field(byte[] bytes) {
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
    digest.update(bytes);
    return this;
  }

  String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  static String of(String... fields) {
    Sha256 h = new Sha256();
    for (String f : fields) h.field(f);
    return h.hex();
  }
}
