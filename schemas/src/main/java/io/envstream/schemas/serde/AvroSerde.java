package io.envstream.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.envstream.schemas.serde.PayloadValidator.MalformedPayloadException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
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
 * @param <T> the generated record class
 */
public class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

	private static final int[] MARKER = { 0xc3, 0x01 };

	private static final int HEADER_LENGTH = 10;

	private final Class<T> type;

	private final Schema schema;

	private final BinaryMessageEncoder<T> encoder;

	private final BinaryMessageDecoder<T> decoder;

	private final Map<Long, Schema> writerSchemas = new HashMap<>();

	public AvroSerde(Class<T> type) {
		this(type, SchemaHistory.versions(SpecificData.getForClass(type).getSchema(type).getName()));
	}

	AvroSerde(Class<T> type, List<Schema> history) {
		this.type = type;
		SpecificData model = SpecificData.getForClass(type);
		this.schema = model.getSchema(type);
		this.encoder = new BinaryMessageEncoder<>(model, this.schema);
		this.decoder = new BinaryMessageDecoder<>(model, this.schema);
		this.writerSchemas.put(KnownSchemas.fingerprint(this.schema), this.schema);
		for (Schema version : history) {
			this.decoder.addSchema(version);
			this.writerSchemas.put(KnownSchemas.fingerprint(version), version);
		}
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
			ByteArrayOutputStream out = new ByteArrayOutputStream(128);
			this.encoder.encode(data, out);
			return out.toByteArray();
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
		Schema writer = writerSchema(topic, data);
		try {
			PayloadValidator.validate(writer, data, HEADER_LENGTH);
		}
		catch (MalformedPayloadException ex) {
			throw failure(topic, ex.reason());
		}
		try {
			return this.decoder.decode(data);
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

	private Schema writerSchema(String topic, byte[] data) {
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
		Schema writer = this.writerSchemas.get(fingerprint);
		if (writer == null) {
			String actually = KnownSchemas.recordNameOf(fingerprint)
				.map((name) -> " (a " + name + " schema: wrong topic or serde?)")
				.orElse("");
			throw failure(topic, String.format("unknown schema fingerprint 0x%016x%s", fingerprint, actually));
		}
		return writer;
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
