package io.envstream.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEvent;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AvroSerdeTests {

	private static final String TOPIC = "envstream.logs.raw";

	private final LogEventSerde serde = new LogEventSerde();

	@ParameterizedTest
	@MethodSource("io.envstream.schemas.serde.ContractSamples#named")
	void roundTripsEveryContractRecord(SpecificRecord record) {
		AvroSerde<SpecificRecord> serde = serdeFor(record);

		byte[] bytes = serde.serialize("topic", record);

		assertThat(serde.deserialize("topic", bytes)).isEqualTo(record);
	}

	@ParameterizedTest
	@MethodSource("io.envstream.schemas.serde.ContractSamples#named")
	void decodesRandomRecordsOfEveryKnownVersion(SpecificRecord sample) throws IOException {
		AvroSerde<SpecificRecord> serde = serdeFor(sample);
		List<Schema> versions = new ArrayList<>(SchemaHistory.versions(serde.schema().getName()));
		versions.add(serde.schema());
		for (Schema version : versions) {
			for (Object random : new RandomData(version, 200, 7L)) {
				byte[] bytes = encode(version, (GenericRecord) random);

				SpecificRecord decoded = serde.deserialize("topic", bytes);

				assertThat(decoded).isInstanceOf(serde.type());
				assertThat(serde.deserialize("topic", serde.serialize("topic", decoded))).isEqualTo(decoded);
			}
		}
	}

	@Test
	void mapsTombstonesToNullBothWays() {
		assertThat(this.serde.serialize(TOPIC, null)).isNull();
		assertThat(this.serde.deserialize(TOPIC, (byte[]) null)).isNull();
	}

	@Test
	void interoperatesWithAvroMessageEncoderAndDecoder() throws IOException {
		LogEvent event = ContractSamples.logEvent("interop");

		byte[] fromAvro = LogEvent.getEncoder().encode(event).array();
		byte[] fromSerde = this.serde.serialize(TOPIC, event);

		assertThat(fromSerde).isEqualTo(fromAvro);
		assertThat(this.serde.deserialize(TOPIC, fromAvro)).isEqualTo(event);
		assertThat(LogEvent.getDecoder().decode(fromSerde)).isEqualTo(event);
	}

	@Test
	void encodesTheNextRecordWholeAfterOneFailedHalfway() throws IOException {
		LogEvent halfWritable = ContractSamples.logEvent("x");
		halfWritable.setMessage(null);
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serde.serialize(TOPIC, halfWritable));
		LogEvent event = ContractSamples.logEvent("after the failure");

		byte[] bytes = this.serde.serialize(TOPIC, event);

		assertThat(LogEvent.getDecoder().decode(bytes)).isEqualTo(event);
	}

	@Test
	void encodesRecordsLargerThanTheBufferAThreadKeeps() throws IOException {
		LogEvent huge = ContractSamples.logEvent("é".repeat(1_500_000));
		LogEvent small = ContractSamples.logEvent("small");

		byte[] hugeBytes = this.serde.serialize(TOPIC, huge);
		byte[] smallBytes = this.serde.serialize(TOPIC, small);

		assertThat(this.serde.deserialize(TOPIC, hugeBytes)).isEqualTo(huge);
		assertThat(smallBytes).isEqualTo(LogEvent.getEncoder().encode(small).array());
	}

	@Test
	void decodesRecordsWrittenWithAnOlderVersionItKnows() throws IOException {
		Schema older = withoutField(LogEvent.getClassSchema(), "truncated");
		GenericRecord old = new GenericRecordBuilder(older).set("envId", "env-1")
			.set("hostId", "host-a")
			.set("containerId", "c1")
			.set("stream", new GenericData.EnumSymbol(older.getField("stream").schema(), "STDOUT"))
			.set("timestampNanos", 5L)
			.set("seq", 6L)
			.set("message", "from an old collector")
			.build();
		byte[] bytes = encode(older, old);

		LogEvent decoded = new AvroSerde<>(LogEvent.class, List.of(older)).deserialize(TOPIC, bytes);

		assertThat(decoded.getMessage()).isEqualTo("from an old collector");
		assertThat(decoded.getTruncated()).isFalse();
		assertThatExceptionOfType(RecordDecodingException.class)
			.isThrownBy(() -> this.serde.deserialize(TOPIC, bytes))
			.withMessageContaining("unknown schema fingerprint");
	}

	@Test
	void rejectsUnknownSchemaFingerprint() throws IOException {
		Schema other = withExtraField(LogEvent.getClassSchema());
		GenericRecord record = new GenericRecordBuilder(other).set("envId", "e")
			.set("hostId", "h")
			.set("containerId", "c")
			.set("stream", new GenericData.EnumSymbol(other.getField("stream").schema(), "STDOUT"))
			.set("timestampNanos", 1L)
			.set("seq", 1L)
			.set("message", "m")
			.build();
		long fingerprint = SchemaNormalization.parsingFingerprint64(other);

		RecordDecodingException failure = decodeFailure(encode(other, record));

		assertThat(failure).hasMessage("envstream.logs.raw: cannot decode LogEvent: unknown schema fingerprint 0x%016x",
				fingerprint);
		assertThat(failure.topic()).isEqualTo(TOPIC);
		assertThat(failure.recordType()).isEqualTo("LogEvent");
	}

	@Test
	void namesTheContractAnUnexpectedFingerprintBelongsTo() {
		byte[] status = new EnvironmentStatusSerde().serialize("envstream.status",
				ContractSamples.environmentStatus());

		assertThat(decodeFailure(status).reason()).startsWith("unknown schema fingerprint 0x")
			.endsWith("(a " + EnvironmentStatus.class.getSimpleName() + " schema: wrong topic or serde?)");
	}

	@Test
	void rejectsBadHeader() {
		byte[] bytes = this.serde.serialize(TOPIC, ContractSamples.logEvent("x"));
		bytes[1] = 0x02;

		assertThat(decodeFailure(bytes).reason()).startsWith("bad header 0xc302");
		assertThat(decodeFailure("plain text".getBytes()).reason()).startsWith("bad header 0x706c");
		assertThat(decodeFailure(new byte[] { 0x7b }).reason()).startsWith("bad header 0x7b");
	}

	@Test
	void rejectsTruncatedHeader() {
		byte[] bytes = this.serde.serialize(TOPIC, ContractSamples.logEvent("x"));

		for (int length = 1; length < 10; length++) {
			assertThat(decodeFailure(Arrays.copyOf(bytes, length)).reason()).startsWith("truncated header");
		}
	}

	@Test
	void rejectsTruncatedBodyAtEveryLength() {
		byte[] bytes = new LogBatchSerde().serialize("envstream.logs", ContractSamples.logBatch());
		LogBatchSerde batches = new LogBatchSerde();

		for (int length = 10; length < bytes.length; length++) {
			byte[] truncated = Arrays.copyOf(bytes, length);
			assertThatExceptionOfType(RecordDecodingException.class)
				.isThrownBy(() -> batches.deserialize("envstream.logs", truncated))
				.satisfies((ex) -> assertThat(ex.reason()).startsWith("truncated record"));
		}
	}

	@Test
	void rejectsTrailingBytes() {
		byte[] bytes = this.serde.serialize(TOPIC, ContractSamples.logEvent("x"));

		assertThat(decodeFailure(Arrays.copyOf(bytes, bytes.length + 1)).reason())
			.startsWith("corrupt record: 1 unexpected bytes after the end of the record");
	}

	@Test
	void rejectsEmptyPayload() {
		assertThat(decodeFailure(new byte[0])).hasMessage("envstream.logs.raw: cannot decode LogEvent: empty payload");
	}

	@Test
	void rejectsHugeDeclaredSizesWithoutAllocatingThem() {
		byte[] header = Arrays.copyOf(new LogBatchSerde().serialize("t", ContractSamples.logBatch()), 10);
		byte[] hugeString = concat(header, new byte[] { (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f });
		byte[] hugeArray = concat(header, new byte[] { 0x02, 0x65, (byte) 0xfe, (byte) 0xff, (byte) 0xff,
				(byte) 0xff, 0x0f });
		LogBatchSerde batches = new LogBatchSerde();

		assertThatExceptionOfType(RecordDecodingException.class).isThrownBy(() -> batches.deserialize("t", hugeString))
			.withMessageContaining("truncated record: needs 2147483647 bytes");
		assertThatExceptionOfType(RecordDecodingException.class).isThrownBy(() -> batches.deserialize("t", hugeArray))
			.withMessageContaining("truncated record: block of 2147483647 items but only 0 bytes remain");
	}

	@Test
	void rejectsRandomBytesOnlyWithRecordDecodingException() {
		LogBatchSerde batches = new LogBatchSerde();
		byte[] valid = batches.serialize("envstream.logs", ContractSamples.logBatch());
		Random random = new Random(42);
		int decoded = 0;
		for (int i = 0; i < 5000; i++) {
			byte[] bytes = new byte[random.nextInt(120)];
			random.nextBytes(bytes);
			if (i % 2 == 0 && bytes.length >= 10) {
				System.arraycopy(valid, 0, bytes, 0, 10);
			}
			try {
				assertThat(batches.deserialize("envstream.logs", bytes)).isNotNull();
				decoded++;
			}
			catch (RecordDecodingException ex) {
				assertThat(ex).hasMessageStartingWith("envstream.logs: cannot decode LogBatch: ");
			}
		}
		assertThat(decoded).isLessThan(100);
	}

	@Test
	void corruptEnumIndexIsReportedAsCorrupt() {
		byte[] bytes = this.serde.serialize(TOPIC, ContractSamples.logEvent("x"));
		int streamIndex = 10 + 1 + 5 + 1 + 6 + 1 + 6;
		assertThat(bytes[streamIndex]).isEqualTo((byte) 0x02);
		bytes[streamIndex] = 0x08;

		assertThat(decodeFailure(bytes).reason())
			.isEqualTo("corrupt record: enum symbol index 4 out of range [0, 2) at byte 31 (in LogEvent.stream)");
	}

	@Test
	void failsToEncodeAnIncompleteRecordNamingTopicAndType() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serde.serialize(TOPIC, new LogEvent()))
			.withMessageStartingWith("envstream.logs.raw: cannot encode LogEvent: ");
	}

	@Test
	void isCreatableByClassNameAsKafkaClientsDo() throws ClassNotFoundException {
		LogEvent event = ContractSamples.logEvent("by name");
		@SuppressWarnings("unchecked")
		Serializer<LogEvent> serializer = Utils.newInstance(LogEventSerde.class.getName(), Serializer.class);
		@SuppressWarnings("unchecked")
		Deserializer<LogEvent> deserializer = Utils.newInstance(LogEventSerde.class.getName(), Deserializer.class);
		@SuppressWarnings("unchecked")
		Serde<LogEvent> serde = Utils.newInstance(LogEventSerde.class.getName(), Serde.class);
		serializer.configure(Map.of(), false);
		deserializer.configure(Map.of(), false);

		assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, event))).isEqualTo(event);
		assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, event)))
			.isEqualTo(event);
	}

	private RecordDecodingException decodeFailure(byte[] bytes) {
		RecordDecodingException failure = catchThrowableOfType(RecordDecodingException.class,
				() -> this.serde.deserialize(TOPIC, bytes));
		assertThat(failure).as("decoding failure").isNotNull();
		return failure;
	}

	@SuppressWarnings("unchecked")
	private static <T extends SpecificRecord> AvroSerde<T> serdeFor(T record) {
		return new AvroSerde<>((Class<T>) record.getClass());
	}

	static byte[] encode(Schema schema, GenericRecord record) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record, out);
		return out.toByteArray();
	}

	static Schema withoutField(Schema schema, String name) {
		List<Schema.Field> fields = schema.getFields()
			.stream()
			.filter((field) -> !field.name().equals(name))
			.map((field) -> new Schema.Field(field, field.schema()))
			.toList();
		return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
	}

	static Schema withExtraField(Schema schema) {
		List<Schema.Field> fields = new ArrayList<>(
				schema.getFields().stream().map((field) -> new Schema.Field(field, field.schema())).toList());
		fields.add(new Schema.Field("extra", Schema.create(Schema.Type.STRING), "added", ""));
		return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
