package io.envstream.collector;

import java.io.IOException;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;

/** Requests to the engine's API that docker-java's commands do not make as the collector needs them. */
public final class EngineHttp {

	private EngineHttp() {
	}

	/**
	 * GETs {@code path} (with its query); the caller reads and closes the response.
	 * @throws IOException when the engine cannot be reached, as for a read that fails
	 */
	public static Response get(DockerHttpClient http, String path) throws IOException {
		Request request = Request.builder().method(Request.Method.GET).path(path).build();
		try {
			return http.execute(request);
		}
		catch (RuntimeException ex) {
			throw new IOException("cannot reach the Docker engine: " + ex.getMessage(), ex);
		}
	}

}
