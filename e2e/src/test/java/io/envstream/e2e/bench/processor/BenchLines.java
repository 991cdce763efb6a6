package io.envstream.e2e.bench.processor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;

/**
 * The lines both processor benchmarks use: 20 environments, about 120 characters a line, one in ten a JSON
 * line, one in a hundred with a secret to redact.
 */
final class BenchLines {

	static final int ENVIRONMENTS = 20;

	private static final long EPOCH_NANOS = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());

	private BenchLines() {
	}

	static String environment(String prefix, long line) {
		return prefix + "-" + (line % ENVIRONMENTS);
	}

	static String message(long line) {
		if (line % 100 == 7) {
			return "2026-11-25T10:00:00.000Z INFO  [worker-3] c.e.Db - connecting to postgres with password=s3cr3t-" + line;
		}
		if (line % 10 == 3) {
			return "{\"level\":\"info\",\"ts\":\"2026-11-25T10:00:00.000Z\",\"msg\":\"request served\",\"path\":\"/api/orders/"
					+ line + "\",\"ms\":12}";
		}
		return "2026-11-25T10:00:00.000Z INFO  [http-nio-8080-exec-4] c.e.web.OrderController - served GET /api/orders/"
				+ line + " in 12 ms";
	}

	/** Line {@code line} as its container's collector reads it. */
	static RawLine line(long line) {
		return new RawLine((line % 5 == 0) ? Stream.STDERR : Stream.STDOUT, EPOCH_NANOS + line * 1000,
				line / ENVIRONMENTS, message(line), false);
	}

	/** The record of {@code lines}, consecutive lines of the container of line {@code firstLine}. */
	static LogEventBatch record(String prefix, long firstLine, List<RawLine> lines) {
		return new LogEventBatch(environment(prefix, firstLine), "host-1", "container-" + (firstLine % ENVIRONMENTS),
				lines);
	}

	static LogEntry entry(long line) {
		return new LogEntry((line % 5 == 0) ? Stream.STDERR : Stream.STDOUT, EPOCH_NANOS + line * 1000,
				"container-" + (line % ENVIRONMENTS), "host-1", line, message(line),
				(line % 10 == 3) ? Map.of("level", "info") : Map.of());
	}

}
