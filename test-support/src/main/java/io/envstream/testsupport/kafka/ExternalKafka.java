package io.envstream.testsupport.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/** Checks that an external cluster answers before any test relies on it. */
final class ExternalKafka {

	private ExternalKafka() {
	}

	static void checkReachable(String servers, Duration timeout) {
		int millis = (int) timeout.toMillis();
		Map<String, Object> props = Map.of(
				CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers,
				CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis,
				CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
				CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
		Admin admin = null;
		try {
			admin = Admin.create(props);
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
					.get(millis + 2000L, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unreachable(servers, ex);
		}
		catch (ExecutionException | TimeoutException | KafkaException ex) {
			throw unreachable(servers, ex);
		}
		finally {
			if (admin != null) {
				admin.close(Duration.ZERO);
			}
		}
	}

	private static IllegalStateException unreachable(String servers, Exception cause) {
		return new IllegalStateException("no Kafka broker answers at " + servers + " (" + KafkaFixture.BOOTSTRAP_ENV
				+ "); unset it to use the embedded broker", cause);
	}

}
