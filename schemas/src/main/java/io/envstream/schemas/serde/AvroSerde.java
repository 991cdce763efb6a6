package io.envstream.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.envstream.schemas.serde.PayloadValidator.MalformedPayloadException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for an Avro-generated record, in Avro single-object encoding: a two-byte marker,
 * the 8-byte CRC-64-AVRO fingerprint of the writer schema, then the binary body. Decodes the
 * current schema and every released version kept in the schema history. A {@code null} value
 * (a tombstone) maps to {@code null} both ways. Thread-safe; {@code configure} and {@code close}
 * do nothing, so one instance can be shared.
 * <p>
 * Avro's own {@code BinaryMessageEncoder}/{@code BinaryMessageDecoder} write and read the body a byte at a time
 * through a stream (each call a synchronized {@code ByteArrayOutputStream.write} or {@code ByteArrayInputStream.read}),
 * which made this serde a quarter of the topology's CPU samples. Here the body is read straight from the array and
 * written through a buffered encoder into a buffer each thread keeps; the bytes are the same.
 * @param <T> the generated record class
 */
public class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

	private static final int[] MARKER = { 0xc3, 0x01 };

	private static final int HEADER_LENGTH = 10;

	private final Class<T> type;

	private final Schema schema;

	/** This thread's encoder and the buffer it writes into, both reused from one record to the next. */
	private static final ThreadLocal<Encoding> ENCODING = ThreadLocal.withInitial(Encoding::new);

	private final byte[] header;

	private final DatumWriter<T> writer;

	private final Map<Long, Schema> writerSchemas = new HashMap<>();

	/** By writer schema fingerprint: the reader from that schema to {@link #schema}. */
	private final Map<Long, DatumReader<T>> readers = new HashMap<>();

	public AvroSerde(Class<T> type) {
		this(type, SchemaHistory.versions(SpecificData.getForClass(type).getSchema(type).getName()));
	}

	AvroSerde(Class<T> type, List<Schema> history) {
		this.type = type;
		SpecificData model = SpecificData.getForClass(type);
		this.schema = model.getSchema(type);
		long fingerprint = KnownSchemas.fingerprint(this.schema);
		this.header = ByteBuffer.allocate(HEADER_LENGTH)
			.order(ByteOrder.LITTLE_ENDIAN)
			.put((byte) MARKER[0])
			.put((byte) MARKER[1])
			.putLong(fingerprint)
			.array();
		this.writer = new SpecificDatumWriter<>(this.schema, model);
		this.writerSchemas.put(fingerprint, this.schema);
		for (Schema version : history) {
			this.writerSchemas.put(KnownSchemas.fingerprint(version), version);
		}
		this.writerSchemas.forEach((writerFingerprint, writerSchema) -> this.readers.put(writerFingerprint,
				new SpecificDatumReader<>(writerSchema, this.schema, model)));
	}

	/** The generated record class this serde handles. */
	public Class<T> type() {
		return this.type;
	}

	/** The schema records are written with. */
	public Schema schema() {
		return this.schema;
	}

	@Override
	public byte[] serialize(String topic, T data) {
		if (data == null) {
			return null;
		}
		if (!this.type.isInstance(data)) {
			throw new SerializationException(topic + ": cannot encode " + data.getClass().getName() + " as "
					+ this.schema.getName());
		}
		try {
			return ENCODING.get().encode(this.header, this.writer, data);
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException(topic + ": cannot encode " + this.schema.getName() + ": "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public T deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		long fingerprint = writerFingerprint(topic, data);
		try {
			PayloadValidator.validate(this.writerSchemas.get(fingerprint), data, HEADER_LENGTH);
		}
		catch (MalformedPayloadException ex) {
			throw failure(topic, ex.reason());
		}
		try {
			return this.readers.get(fingerprint)
				.read(null, DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, null));
		}
		catch (IOException | RuntimeException ex) {
			throw new RecordDecodingException(topic, this.schema.getName(), "corrupt record: " + ex.getMessage(),
					ex);
		}
	}

	/** Whether {@code data} names, in its header, a schema this serde decodes (the current one or a released one). */
	boolean decodes(byte[] data) {
		return data.length >= HEADER_LENGTH && (data[0] & 0xff) == MARKER[0] && (data[1] & 0xff) == MARKER[1]
				&& this.writerSchemas.containsKey(fingerprintOf(data));
	}

	private long writerFingerprint(String topic, byte[] data) {
		if (data.length == 0) {
			throw failure(topic, "empty payload");
		}
		if ((data[0] & 0xff) != MARKER[0] || (data.length > 1 && (data[1] & 0xff) != MARKER[1])) {
			throw failure(topic, "bad header 0x" + hex(data, Math.min(2, data.length))
					+ ", expected the single-object encoding marker 0xc301");
		}
		if (data.length < HEADER_LENGTH) {
			throw failure(topic, "truncated header: " + data.length + " bytes, single-object encoding needs "
					+ HEADER_LENGTH);
		}
		long fingerprint = fingerprintOf(data);
		if (!this.writerSchemas.containsKey(fingerprint)) {
			String actually = KnownSchemas.recordNameOf(fingerprint)
				.map((name) -> " (a " + name + " schema: wrong topic or serde?)")
				.orElse("");
			throw failure(topic, String.format("unknown schema fingerprint 0x%016x%s", fingerprint, actually));
		}
		return fingerprint;
	}

	private static long fingerprintOf(byte[] data) {
		return ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
	}

	private RecordDecodingException failure(String topic, String reason) {
		return new RecordDecodingException(topic, this.schema.getName(), reason);
	}

	private static String hex(byte[] data, int length) {
		StringBuilder hex = new StringBuilder();
		for (int i = 0; i < length; i++) {
			hex.append(String.format("%02x", data[i] & 0xff));
		}
		return hex.toString();
	}

	/**
	 * A thread's encoder and the array it writes into, unsynchronized. The array grows to the largest record the
	 * thread wrote, kept up to {@link #KEPT_BYTES} so that a rare huge record does not hold its memory for good.
	 */
	private static final class Encoding extends OutputStream {

		private static final int INITIAL_BYTES = 4096;

		private static final int KEPT_BYTES = 1024 * 1024;

		private byte[] buffer = new byte[INITIAL_BYTES];

		private int size;

		private BinaryEncoder encoder;

		<T> byte[] encode(byte[] header, DatumWriter<T> writer, T data) throws IOException {
			this.size = 0;
			boolean encoded = false;
			try {
				write(header, 0, header.length);
				this.encoder = EncoderFactory.get().binaryEncoder(this, this.encoder);
				writer.write(data, this.encoder);
				this.encoder.flush();
				encoded = true;
				return Arrays.copyOf(this.buffer, this.size);
			}
			finally {
				if (!encoded) {
					// a failed record leaves bytes in the encoder, which reusing it would flush into the next one
					this.encoder = null;
				}
				if (this.buffer.length > KEPT_BYTES) {
					this.buffer = new byte[INITIAL_BYTES];
				}
			}
		}

		@Override
		public void write(int b) {
			ensureRoom(1);
			this.buffer[this.size++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			ensureRoom(length);
			System.arraycopy(bytes, offset, this.buffer, this.size, length);
			this.size += length;
		}

		private void ensureRoom(int length) {
			if (this.size + length > this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.size + length));
			}
		}

	}

	@Override
	public Serializer<T> serializer() {
		return this;
	}

	@Override
	public Deserializer<T> deserializer() {
		return this;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
	}

	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "AvroSerde<" + this.schema.getFullName() + ">";
	}

}
