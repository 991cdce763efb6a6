package io.envstream.processor.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEntry;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.RawLine;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.serde.LogBatchSerde;
import io.envstream.schemas.serde.LogEventBatchSerde;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Machine;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.bench.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The cost per line of the topology's Avro work: reading a raw {@link LogEventBatch} and writing a {@link LogBatch}
 * (the gateway and the persister read those, the collector writes the raw ones), through the envstream serdes beside
 * Avro's own {@code BinaryMessageEncoder}/{@code BinaryMessageDecoder} (what the serdes used before), on the same
 * records, in the same JVM, one thread, interleaved pass by pass. Writes {@code docs/benchmarks/processor-serde.json};
 * each ratio is the serde's cost over Avro's message coder's.
 */
class SerdeBenchmark {

	private static final int WARM_UP_PASSES = 5;

	private static final int PASSES = 7;

	private static final int RECORDS = 2_000;

	private static final String TOPIC = "envstream.logs";

	private final Random random = new Random(20261206);

	@Test
	void measureSerdeCostPerLine() {
		double loadAtStart = Machine.loadAverage();
		List<LogEventBatch> raw = new ArrayList<>();
		List<LogBatch> batches = new ArrayList<>();
		for (int i = 0; i < RECORDS; i++) {
			raw.add(rawRecord(i, 50));
			batches.add(batch(i, 100));
		}
		LogEventBatchSerde rawSerde = new LogEventBatchSerde();
		LogBatchSerde batchSerde = new LogBatchSerde();
		List<byte[]> rawBytes = raw.stream().map((record) -> rawSerde.serialize(TOPIC, record)).toList();
		List<byte[]> batchBytes = batches.stream().map((batch) -> batchSerde.serialize(TOPIC, batch)).toList();

		List<Metric> metrics = new ArrayList<>();
		metrics.add(compare("ns per line, reading raw records (LogEventBatch of 50 lines)", rawBytes, 50,
				(bytes) -> rawSerde.deserialize(TOPIC, bytes), (bytes) -> decode(LogEventBatch.getDecoder()::decode, bytes)));
		metrics.add(compare("ns per line, writing raw records (LogEventBatch of 50 lines)", raw, 50,
				(record) -> rawSerde.serialize(TOPIC, record), (record) -> encode(LogEventBatch.getEncoder()::encode, record)));
		metrics.add(compare("ns per line, reading batches (LogBatch of 100 lines)", batchBytes, 100,
				(bytes) -> batchSerde.deserialize(TOPIC, bytes), (bytes) -> decode(LogBatch.getDecoder()::decode, bytes)));
		metrics.add(compare("ns per line, writing batches (LogBatch of 100 lines)", batches, 100,
				(batch) -> batchSerde.serialize(TOPIC, batch), (batch) -> encode(LogBatch.getEncoder()::encode, batch)));

		BenchmarkResults.ofRepository().record("processor-serde", metrics, List.of(
				"Ratio = the envstream serde (AvroSerde: the body read straight from the array, written through a "
						+ "buffered encoder into a buffer each thread keeps) over Avro's BinaryMessageEncoder/Decoder, "
						+ "which AvroSerde used before and which write and read the body a byte at a time through a "
						+ "stream; " + RECORDS + " records of typical lines (about 110 characters), one thread, median of "
						+ PASSES + " passes after " + WARM_UP_PASSES + " warm-up passes.",
				"Reading through the serde includes its check of every length and count against the bytes present "
						+ "(PayloadValidator), which Avro's decoder does not do: the baseline is spared that walk.",
				"Machine load average (1 min) " + loadAtStart + " at the start, " + Machine.loadAverage()
						+ " at the end."));
	}

	private static <T> Metric compare(String name, List<T> records, int linesPerRecord, Function<T, Object> serde,
			Function<T, Object> avro) {
		double[] serdeCost = new double[PASSES];
		double[] avroCost = new double[PASSES];
		for (int pass = 0; pass < WARM_UP_PASSES + PASSES; pass++) {
			double now = nanosPerLine(records, linesPerRecord, serde);
			double before = nanosPerLine(records, linesPerRecord, avro);
			if (pass >= WARM_UP_PASSES) {
				serdeCost[pass - WARM_UP_PASSES] = now;
				avroCost[pass - WARM_UP_PASSES] = before;
			}
		}
		return Metric.against(name, Math.round(Statistics.median(serdeCost)), "ns",
				"the same records through Avro's BinaryMessageEncoder/Decoder", Math.round(Statistics.median(avroCost)));
	}

	private static <T> double nanosPerLine(List<T> records, int linesPerRecord, Function<T, Object> code) {
		long start = System.nanoTime();
		for (T record : records) {
			if (code.apply(record) == null) {
				throw new IllegalStateException("nothing coded");
			}
		}
		return (double) (System.nanoTime() - start) / (records.size() * linesPerRecord);
	}

	private interface Coder<I, O> {

		O apply(I input) throws IOException;

	}

	private static Object decode(Coder<byte[], Object> decoder, byte[] bytes) {
		try {
			return decoder.apply(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static <T> Object encode(Coder<T, ByteBuffer> encoder, T record) {
		try {
			ByteBuffer encoded = encoder.apply(record);
			byte[] bytes = new byte[encoded.remaining()];
			encoded.get(bytes);
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private LogEventBatch rawRecord(int record, int lines) {
		List<RawLine> rawLines = new ArrayList<>(lines);
		for (int i = 0; i < lines; i++) {
			rawLines.add(new RawLine(Stream.STDOUT, 1_765_000_000_000_000_000L + record * 1_000_000L + i,
					(long) record * lines + i, line(i), false));
		}
		return new LogEventBatch("env-" + record % 20, "host-1", containerId(record), rawLines);
	}

	private LogBatch batch(int record, int lines) {
		List<LogEntry> entries = new ArrayList<>(lines);
		for (int i = 0; i < lines; i++) {
			entries.add(new LogEntry(Stream.STDOUT, 1_765_000_000_000_000_000L + record * 1_000_000L + i,
					containerId(record), "host-1", (long) record * lines + i, line(i), Map.of()));
		}
		return new LogBatch("env-" + record % 20, entries, record % 12, (long) record, (long) record);
	}

	private static String containerId(int record) {
		return String.format("%064x", record % 20 + 1);
	}

	private String line(int i) {
		return "2026-12-06T10:00:" + (10 + i % 50) + ".123Z INFO  [http-nio-8080-exec-" + (i % 8)
				+ "] o.e.orders.OrderController : GET /api/orders/" + this.random.nextInt(100_000) + " 200 in "
				+ this.random.nextInt(200) + " ms";
	}

}
