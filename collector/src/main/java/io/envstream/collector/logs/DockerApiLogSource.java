package io.envstream.collector.logs;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.envstream.collector.EngineHttp;

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

	/**
	 * {@inheritDoc} With {@code follow} false, the log's last record is asked for first ({@code tail=1}, which the
	 * engine reads from the log's end): when it is the record read last, nothing is read again.
	 */
	@Override
	public LogReader open(String containerId, boolean tty, ReadPosition read, FilePosition near, boolean follow)
			throws IOException {
		if (!follow && read.timestampNanos() > 0 && lastRecordStamp(containerId, tty) == read.timestampNanos()) {
			// A stopped container is read again whenever it may have started meanwhile (a start event, a reconnection
			// to the engine's events, a minute without either), from the second of the last record read. The engine answers a since by decoding the log from its first record (its
			// json-file has no index): 0.5 s of its CPU for a log of 200,000 lines, at every look at every stopped
			// container. The engine closes a container's log before it reports the container stopped, so while it
			// is stopped its log ends with the record read last, and a run after it stamps its records later.
			return LogReader.NOTHING_NEW;
		}
		return reader(containerId, tty, "follow=" + (follow ? 1 : 0) + "&since=" + Math.max(0, read.epochSecond()));
	}

	/** The timestamp of the log's last record, or -1 when the log is empty. */
	private long lastRecordStamp(String containerId, boolean tty) throws IOException {
		try (LogReader last = reader(containerId, tty, "follow=0&tail=1")) {
			long stamp = -1;
			for (LogRecord record = last.next(); record != null; record = last.next()) {
				stamp = record.timestampNanos();
			}
			return stamp;
		}
	}

	private LogReader reader(String containerId, boolean tty, String query) throws IOException {
		Response response = EngineHttp.get(this.http,
				"/containers/" + containerId + "/logs?stdout=1&stderr=1&timestamps=1&" + query);
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
