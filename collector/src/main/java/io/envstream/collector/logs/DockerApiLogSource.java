package io.envstream.collector.logs;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;

/**
 * Container logs from the engine's API ({@code GET /containers/{id}/logs?follow=1&timestamps=1}),
 * read as a plain HTTP body so that the demultiplexing is this module's own, tested code, and a
 * slow reader simply stops reading (TCP flow control holds the engine back).
 */
public final class DockerApiLogSource implements LogSource {

	private static final int BUFFER = 64 * 1024;

	private final DockerHttpClient http;

	public DockerApiLogSource(DockerHttpClient http) {
		this.http = http;
	}

	@Override
	public LogReader open(String containerId, boolean tty, long sinceEpochSeconds, FilePosition near,
			boolean follow) throws IOException {
		Request request = Request.builder()
			.method(Request.Method.GET)
			.path("/containers/" + containerId + "/logs?follow=" + (follow ? 1 : 0) + "&stdout=1&stderr=1&timestamps=1&since="
					+ Math.max(0, sinceEpochSeconds))
			.build();
		Response response;
		try {
			response = this.http.execute(request);
		}
		catch (RuntimeException ex) {
			throw new IOException("cannot reach the Docker engine: " + ex.getMessage(), ex);
		}
		int status = response.getStatusCode();
		if (status != 200) {
			String body = readQuietly(response);
			response.close();
			if (status == 404) {
				throw new ContainerGoneException(containerId);
			}
			throw new IOException("engine answered " + status + " to the logs of " + containerId + ": " + body);
		}
		InputStream body = new BufferedInputStream(new FilterInputStream(response.getBody()) {
			@Override
			public void close() {
				response.close();
			}
		}, BUFFER);
		return tty ? new TtyRecordSplitter(body) : new StreamFrameDemux(body);
	}

	private static String readQuietly(Response response) {
		try (InputStream in = response.getBody()) {
			return new String(in.readNBytes(1024), StandardCharsets.UTF_8).strip();
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

}
