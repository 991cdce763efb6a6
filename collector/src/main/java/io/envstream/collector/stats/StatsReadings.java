package io.envstream.collector.stats;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.envstream.collector.EngineHttp;

/**
 * Asks the engine for one reading of a container's stats ({@code one-shot}, API 1.41, Docker 20.10): the engine
 * answers at once with the figures it reads then, without the previous reading's CPU times, which
 * {@link StatsPoller} keeps itself. A stream, or a single reading with those times, costs the engine a sample every
 * second while it is open.
 */
public final class StatsReadings {

	private final DockerHttpClient http;

	private final ObjectReader statistics;

	/** @param mapper the engine client's own JSON mapping, which docker-java's {@link Statistics} is made for */
	public StatsReadings(DockerHttpClient http, ObjectMapper mapper) {
		this.http = http;
		this.statistics = mapper.readerFor(Statistics.class);
	}

	/**
	 * The container's figures now, with no previous reading's CPU times ({@link StatsSample#since} gives them).
	 * @return {@code null} when the container does not run (the engine answers an empty reading, its time the zero
	 * time) or the engine does not know it
	 * @throws IOException when the engine cannot be asked or answers with an error
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

}
