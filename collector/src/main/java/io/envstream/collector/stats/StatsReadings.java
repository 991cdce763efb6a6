package io.envstream.collector.stats;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectReader;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.envstream.collector.EngineHttp;

/**
 * Asks the engine for one reading of a container's stats ({@code one-shot}, API 1.41, Docker 20.10): the engine
 * answers at once with the figures it reads then, without the previous reading's CPU times, which
 * {@link StatsPoller} keeps itself. A stream, or a single reading with those times, costs the engine a sample every
 * second while it is open.
 * <p>
 * A reading must come within {@link #READING_TIMEOUT}: one that never came (a container whose runtime shim hangs, a
 * connection to a remote engine that died without a word) would stop that container's metrics for good and hold one
 * of {@link StatsPoller}'s threads. The readings' connections, their own, time out over TCP; on the engine's unix
 * socket, whose reads ignore socket timeouts, {@link StatsPoller} interrupts the reading.
 */
public final class StatsReadings implements Closeable {

	/** Far longer than the engine takes for a one-shot reading: up to a second, its next round of sampling. */
	public static final Duration READING_TIMEOUT = Duration.ofSeconds(3);

	private final DockerHttpClient http;

	private final ObjectReader statistics;

	private StatsReadings(DockerHttpClient http, ObjectReader statistics) {
		this.http = http;
		this.statistics = statistics;
	}

	/** Readings from the engine {@code config} names; over TCP, each fails when it has not come in {@code timeout}. */
	public static StatsReadings connect(DockerClientConfig config, Duration timeout) {
		DockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.connectionTimeout(EngineHttp.CONNECTION_TIMEOUT)
			.responseTimeout(timeout)
			.maxConnections(StatsPoller.MAX_READINGS_IN_FLIGHT)
			.build();
		// the engine client's own JSON mapping, which docker-java's Statistics is made for
		return new StatsReadings(http, config.getObjectMapper().readerFor(Statistics.class));
	}

	/**
	 * The container's figures now, with no previous reading's CPU times ({@link StatsSample#since} gives them).
	 * @return {@code null} when the container does not run (the engine answers an empty reading, its time the zero
	 * time) or the engine does not know it
	 * @throws IOException when the engine cannot be asked, answers with an error, or has not answered in time
	 */
	StatsSample read(String containerId) throws IOException {
		Response response = EngineHttp.get(this.http, "/containers/" + containerId + "/stats?stream=false&one-shot=true");
		try (response; InputStream body = response.getBody()) {
			int status = response.getStatusCode();
			if (status == 404) {
				return null;
			}
			if (status != 200) {
				throw new IOException("engine answered " + status + " to the stats of " + containerId);
			}
			Statistics statistics = this.statistics.readValue(body);
			boolean running = statistics.getRead() != null && !statistics.getRead().startsWith("0001-");
			return running ? StatisticsReader.read(statistics) : null;
		}
	}

	@Override
	public void close() throws IOException {
		this.http.close();
	}

}
