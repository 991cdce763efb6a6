package io.envstream.schemas.serde;

import java.util.List;
import java.util.Properties;

import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.topics.TopicDefinition;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvroSerdeStreamsTests {

	private static final TopicDefinition<String, LogEventBatch> IN = Topics.LOGS_RAW;

	private static final String OUT = "copy";

	@Test
	void passesRecordsAndTombstonesThroughATopology() {
		LogEventBatch first = ContractSamples.logEventBatch("first");
		LogEventBatch second = ContractSamples.logEventBatch("second");

		try (TopologyTestDriver driver = new TopologyTestDriver(passThrough(), config())) {
			TestInputTopic<String, LogEventBatch> input = driver.createInputTopic(IN.name(), IN.keySerde().serializer(),
					IN.valueSerde().serializer());
			TestOutputTopic<String, LogEventBatch> output = driver.createOutputTopic(OUT, IN.keySerde().deserializer(),
					IN.valueSerde().deserializer());
			input.pipeInput("env-1", first);
			input.pipeInput("env-1", null);
			input.pipeInput("env-2", second);

			assertThat(output.readKeyValuesToList()).containsExactly(KeyValue.pair("env-1", first),
					KeyValue.pair("env-1", null), KeyValue.pair("env-2", second));
		}
	}

	@Test
	void corruptRecordsReachTheDeserializationExceptionHandler() {
		Properties config = config();
		config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
				LogAndContinueExceptionHandler.class);
		LogEventBatch valid = ContractSamples.logEventBatch("valid");

		try (TopologyTestDriver driver = new TopologyTestDriver(passThrough(), config)) {
			TestInputTopic<String, byte[]> input = driver.createInputTopic(IN.name(), new StringSerializer(),
					new ByteArraySerializer());
			TestOutputTopic<String, LogEventBatch> output = driver.createOutputTopic(OUT, IN.keySerde().deserializer(),
					IN.valueSerde().deserializer());
			input.pipeInput("env-1", new byte[] { 1, 2, 3 });
			input.pipeInput("env-1", IN.valueSerde().serializer().serialize(IN.name(), valid));

			assertThat(output.readValuesToList()).isEqualTo(List.of(valid));
		}
	}

	@Test
	void corruptRecordsStopATopologyThatFailsOnThem() {
		try (TopologyTestDriver driver = new TopologyTestDriver(passThrough(), config())) {
			TestInputTopic<String, byte[]> input = driver.createInputTopic(IN.name(), new StringSerializer(),
					new ByteArraySerializer());

			assertThatExceptionOfType(StreamsException.class)
				.isThrownBy(() -> input.pipeInput("env-1", new byte[] { 1, 2, 3 }))
				.havingRootCause()
				.isInstanceOf(RecordDecodingException.class)
				.withMessage("envstream.logs.raw: cannot decode LogEventBatch: bad header 0x0102, "
						+ "expected the single-object encoding marker 0xc301");
		}
	}

	private static Topology passThrough() {
		StreamsBuilder builder = new StreamsBuilder();
		builder.stream(IN.name(), Consumed.with(IN.keySerde(), IN.valueSerde()))
			.to(OUT, Produced.with(IN.keySerde(), IN.valueSerde()));
		return builder.build();
	}

	private static Properties config() {
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "avro-serde-tests");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		return config;
	}

}
