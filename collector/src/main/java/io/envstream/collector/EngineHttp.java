package io.envstream.collector;

import java.io.IOException;
import java.time.Duration;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;

/** Requests to the engine's API that docker-java's commands do not make as the collector needs them. */
public final class EngineHttp {

	/** How long a connection to the engine may take to open: a local socket opens at once, a remote engine soon. */
	public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

	private EngineHttp() {
	}

	/**
	 * GETs {@code path} (with its query); the caller reads and closes the response.
	 * @throws IOException when the engine cannot be reached or has not answered in the client's time, as for a read
	 * that fails
	 */
	public static Response get(DockerHttpClient http, String path) throws IOException {
		Request request = Request.builder().method(Request.Method.GET).path(path).build();
		try {
			return http.execute(request);
		}
		catch (RuntimeException ex) {
			throw new IOException("no answer from the Docker engine: " + ex.getMessage(), ex);
		}
	}

}
