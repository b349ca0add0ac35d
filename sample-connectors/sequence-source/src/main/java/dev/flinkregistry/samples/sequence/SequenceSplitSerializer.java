package dev.flinkregistry.samples.sequence;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Writes a split as its id and range; the rows themselves come from the source's options. */
public class SequenceSplitSerializer implements SimpleVersionedSerializer<SequenceSplit> {

    private static final int VERSION = 1;

    private final SequenceRows rows;

    SequenceSplitSerializer(SequenceRows rows) {
        this.rows = rows;
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(SequenceSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public SequenceSplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion(version);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(in);
        }
    }

    void write(SequenceSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.splitId());
        out.writeLong(split.from());
        out.writeLong(split.to());
    }

    SequenceSplit read(DataInputStream in) throws IOException {
        return new SequenceSplit(in.readUTF(), in.readLong(), in.readLong(), rows);
    }

    static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown sequence split serializer version " + version + ".");
        }
    }
}
