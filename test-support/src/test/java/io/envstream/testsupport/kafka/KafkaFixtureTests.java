package io.envstream.testsupport.kafka;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KafkaFixtureTests {

	@Test
	void externalClusterThatDoesNotAnswerFailsWithAMessageNamingTheVariable() {
		assertThatIllegalStateException()
				.isThrownBy(() -> KafkaFixture.forEnvironmentValue("127.0.0.1:1", Duration.ofSeconds(2)))
				.withMessage("no Kafka broker answers at 127.0.0.1:1 (ENVSTREAM_TEST_KAFKA_BOOTSTRAP); "
						+ "unset it to use the embedded broker");
	}

	@Test
	void externalClusterWithAnUnresolvableAddressFailsTheSameWay() {
		assertThatIllegalStateException()
				.isThrownBy(() -> KafkaFixture.forEnvironmentValue("no-such-host.invalid:9092", Duration.ofSeconds(2)))
				.withMessage("no Kafka broker answers at no-such-host.invalid:9092 (ENVSTREAM_TEST_KAFKA_BOOTSTRAP); "
						+ "unset it to use the embedded broker");
	}

}
