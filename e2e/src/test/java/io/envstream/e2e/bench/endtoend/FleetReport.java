package io.envstream.e2e.bench.endtoend;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a {@link ClientFleet} run saw, as the file it hands to the harness.
 *
 * @param clients connections attempted
 * @param connected connections the gateway accepted
 * @param closedEarly connections that closed before they had every expected line
 * @param unique lines received once each, over every client
 * @param lost lines expected and not received when the fleet stopped (gaps and missing tails), over every client
 * @param gaps of those, lines skipped between lines that were received: lost for good
 * @param repeated lines received twice or out of order, over every client
 * @param meanMillis mean latency from the line's send time to its receipt; -1 when none
 * @param p50Millis latency from the line's send time (its {@code ts=}) to its receipt; -1 when none
 * @param firstLineMillis from the start of connecting to the first line received, the slowest client's
 * @param spanMillis from the first line received (by any client) to the last one
 * @param firstReceivedMillis when the first line was received (by any client; epoch ms, so the harness can
 * time from a moment of its own); 0 when none
 * @param firstSentMillis earliest send time seen (epoch ms)
 * @param lastSentMillis latest send time seen (epoch ms)
 * @param firstCursor cursor of the first line the first client received, or empty
 * @param cpuMillis CPU time the fleet's own JVM used
 */
record FleetReport(long clients, long connected, long closedEarly, long unique, long lost, long gaps, long repeated,
		double meanMillis, long p50Millis, long p99Millis, long p999Millis, long maxMillis, long firstLineMillis,
		long spanMillis, long firstReceivedMillis, long firstSentMillis, long lastSentMillis, String firstCursor, long cpuMillis) {

	/** Lines received per second in aggregate, from the first line to the last. */
	double linesPerSecond() {
		return this.unique * 1000.0 / Math.max(1, this.spanMillis);
	}

	void write(Path file) {
		Properties properties = new Properties();
		for (var component : FleetReport.class.getRecordComponents()) {
			try {
				properties.setProperty(component.getName(), String.valueOf(component.getAccessor().invoke(this)));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			properties.store(out, "client fleet report");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	static FleetReport read(Path file) {
		Properties p = new Properties();
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			p.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the client fleet wrote no report to " + file, ex);
		}
		return new FleetReport(num(p, "clients"), num(p, "connected"), num(p, "closedEarly"), num(p, "unique"),
				num(p, "lost"), num(p, "gaps"), num(p, "repeated"),
				Double.parseDouble(p.getProperty("meanMillis", "-1")), num(p, "p50Millis"), num(p, "p99Millis"), num(p, "p999Millis"),
				num(p, "maxMillis"), num(p, "firstLineMillis"), num(p, "spanMillis"), num(p, "firstReceivedMillis"),
				num(p, "firstSentMillis"),
				num(p, "lastSentMillis"), p.getProperty("firstCursor", ""), num(p, "cpuMillis"));
	}

	private static long num(Properties properties, String name) {
		String value = properties.getProperty(name);
		if (value == null) {
			throw new IllegalArgumentException("client fleet report has no " + name);
		}
		return Long.parseLong(value);
	}

}
