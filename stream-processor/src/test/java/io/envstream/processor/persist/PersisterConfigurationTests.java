package io.envstream.processor.persist;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PersisterConfigurationTests {

	@Test
	void theLogWriterFetchesAMegabyteOrWhatIsThereAfterTheWait() {
		assertThat(PersisterConfiguration.logsFetch(Duration.ofMillis(200))).containsOnly(
				entry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024),
				entry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200));
	}

	@Test
	void aWaitOfZeroLeavesTheConsumersDefaultsSoNoFetchIsAnsweredEmptyAtOnce() {
		assertThat(PersisterConfiguration.logsFetch(Duration.ZERO)).isEmpty();
	}

}
