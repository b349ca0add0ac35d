package dev.flinkregistry.samples.sequence;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Writes the enumerator's checkpoint: the splits not yet handed to a reader. */
public class SequenceCheckpointSerializer
        implements SimpleVersionedSerializer<Collection<SequenceSplit>> {

    private final SequenceSplitSerializer splitSerializer;

    SequenceCheckpointSerializer(SequenceSplitSerializer splitSerializer) {
        this.splitSerializer = splitSerializer;
    }

    @Override
    public int getVersion() {
        return splitSerializer.getVersion();
    }

    @Override
    public byte[] serialize(Collection<SequenceSplit> splits) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(splits.size());
            for (SequenceSplit split : splits) {
                splitSerializer.write(split, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public Collection<SequenceSplit> deserialize(int version, byte[] serialized)
            throws IOException {
        SequenceSplitSerializer.checkVersion(version);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int size = in.readInt();
            List<SequenceSplit> splits = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                splits.add(splitSerializer.read(in));
            }
            return splits;
        }
    }
}
