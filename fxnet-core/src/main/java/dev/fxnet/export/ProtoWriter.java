package dev.fxnet.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers wire-format encoder: varint fields (wire type 0) and
 * length-delimited fields (wire type 2: bytes, strings, nested messages, packed repeated
 * varints). It is all the ONNX exporter needs, so fxnet carries no protobuf dependency.
 */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A varint field: int32/int64/enum/bool. Negative values take ten bytes, as protobuf int64 does. */
    ProtoWriter varint(int field, long value) {
        tag(field, 0);
        rawVarint(out, value);
        return this;
    }

    /** A length-delimited field holding {@code bytes}. */
    ProtoWriter bytes(int field, byte[] bytes) {
        tag(field, 2);
        rawVarint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** A string field (UTF-8). */
    ProtoWriter string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    /** An embedded message field. */
    ProtoWriter message(int field, ProtoWriter m) {
        return bytes(field, m.toByteArray());
    }

    /** A packed repeated int64 field. */
    ProtoWriter packedInt64(int field, long... values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (long v : values) {
            rawVarint(b, v);
        }
        return bytes(field, b.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        rawVarint(out, ((long) field << 3) | wireType);
    }

    private static void rawVarint(ByteArrayOutputStream o, long v) {
        while ((v & ~0x7FL) != 0) {
            o.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        o.write((int) v);
    }
}
