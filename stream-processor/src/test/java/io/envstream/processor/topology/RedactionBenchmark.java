package io.envstream.processor.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Machine;
import io.envstream.testsupport.bench.Metric;
import io.envstream.testsupport.bench.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The cost of redaction per line: the built-in rules on RE2/J beside the rules that ran before on java.util.regex
 * ({@link LegacyRedaction}), on the same lines, in the same JVM, one thread, interleaved pass by pass. Writes
 * {@code docs/benchmarks/processor-redaction.json}; each ratio is the new cost over the old.
 */
class RedactionBenchmark {

	private static final int WARM_UP_PASSES = 5;

	private static final int PASSES = 7;

	private final Random random = new Random(20261203);

	@Test
	void measureRedactionCostPerLine() {
		double loadAtStart = Machine.loadAverage();
		Redactor redactor = new Redactor(RedactionRule.defaults(), new ScanLimit(LineRules.DEFAULT_SCAN_CHARS));
		UnaryOperator<String> re2j = (line) -> redactor.redact(line).message();
		UnaryOperator<String> legacy = LegacyRedaction::redact;

		List<Metric> metrics = new ArrayList<>();
		metrics.add(compare("ns per line, typical mix (90% plain or JSON, 10% with a secret; 20,000 lines)",
				typicalLines(20_000), re2j, legacy));
		metrics.add(compare("ns per line, every line holds a secret (one per rule; 20,000 lines)",
				secretLines(20_000), re2j, legacy));
		metrics.add(compare("ns per line, logfmt lines without secrets (ten key=value pairs; 20,000 lines)",
				logfmtLines(20_000), re2j, legacy));
		metrics.add(compare("ns per line, 16 KiB lines without secrets (500 lines)", longLines(500), re2j, legacy));
		metrics.add(compare("ns per line, 16 KiB lines with a key=value every 1 KiB (500 lines)",
				longLinesWithKeys(500), re2j, legacy));
		String pem = "-----BEGIN " + "A ".repeat(8000);
		metrics.add(Metric.of("ns per line, the crafted PEM line (16 KB: '-----BEGIN ' then 'A ' x 8000; the old rules "
				+ "overflow the stack on it)", median(List.of(pem), re2j), "ns"));

		BenchmarkResults.ofRepository().record("processor-redaction", metrics, List.of(
				"Ratio = RE2/J rules (13 rules, this commit) over the java.util.regex rules before it (8 rules, "
						+ "LegacyRedaction), on the same lines, one thread, median of " + PASSES + " passes after "
						+ WARM_UP_PASSES + " warm-up passes.",
				"The new rules do more (Authorization, Cookie, *_PASS, escaped JSON quotes, GitLab, Slack, Stripe): "
						+ "the ratio is the price of the rules as shipped, not of the engine alone.",
				"Machine load average (1 min) " + loadAtStart + " at the start, " + Machine.loadAverage()
						+ " at the end."));
	}

	private static Metric compare(String name, List<String> lines, UnaryOperator<String> re2j,
			UnaryOperator<String> legacy) {
		double[] newCost = new double[PASSES];
		double[] oldCost = new double[PASSES];
		for (int pass = 0; pass < WARM_UP_PASSES + PASSES; pass++) {
			double now = nanosPerLine(lines, re2j);
			double before = nanosPerLine(lines, legacy);
			if (pass >= WARM_UP_PASSES) {
				newCost[pass - WARM_UP_PASSES] = now;
				oldCost[pass - WARM_UP_PASSES] = before;
			}
		}
		return Metric.against(name, Math.round(Statistics.median(newCost)), "ns",
				"the same lines, java.util.regex rules before RE2/J", Math.round(Statistics.median(oldCost)));
	}

	private static double median(List<String> lines, UnaryOperator<String> redact) {
		double[] cost = new double[PASSES];
		for (int pass = 0; pass < WARM_UP_PASSES + PASSES; pass++) {
			double now = nanosPerLine(lines, redact);
			if (pass >= WARM_UP_PASSES) {
				cost[pass - WARM_UP_PASSES] = now;
			}
		}
		return Math.round(Statistics.median(cost));
	}

	private static double nanosPerLine(List<String> lines, UnaryOperator<String> redact) {
		long length = 0;
		long start = System.nanoTime();
		for (String line : lines) {
			length += redact.apply(line).length();
		}
		long elapsed = System.nanoTime() - start;
		if (length == 0) {
			throw new IllegalStateException("redaction returned nothing");
		}
		return (double) elapsed / lines.size();
	}

	private List<String> typicalLines(int count) {
		List<String> lines = new ArrayList<>(count);
		List<String> secrets = secretLines(count / 10 + 1);
		for (int i = 0; i < count; i++) {
			int kind = this.random.nextInt(10);
			if (kind < 6) {
				lines.add("2026-12-03T10:00:" + (i % 60) + ".123Z INFO  [http-nio-8080-exec-" + (i % 8)
						+ "] o.e.orders.OrderController : GET /api/orders/" + this.random.nextInt(100_000) + " 200 in "
						+ this.random.nextInt(200) + " ms");
			}
			else if (kind < 9) {
				lines.add("{\"level\":\"info\",\"ts\":\"2026-12-03T10:00:00.123Z\",\"msg\":\"order created\",\"orderId\":"
						+ i + ",\"user\":\"user-" + this.random.nextInt(1000) + "\",\"items\":" + this.random.nextInt(9)
						+ "}");
			}
			else {
				lines.add(secrets.get(i / 10));
			}
		}
		return lines;
	}

	/** Keys as Go and Ruby services log them, most ending in a letter that some secret key also ends in. */
	private List<String> logfmtLines(int count) {
		List<String> lines = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			lines.add("ts=2026-12-03T10:00:00." + (i % 1000) + "Z level=info method=GET path=/api/orders/"
					+ this.random.nextInt(100_000) + " status=200 bytes=" + this.random.nextInt(5000) + " duration="
					+ this.random.nextInt(200) + "ms items=" + this.random.nextInt(9) + " request_id=req-" + i
					+ " host=web-" + (i % 8));
		}
		return lines;
	}

	private List<String> secretLines(int count) {
		List<String> templates = List.of("connecting with password=%s to db", "{\"user\":\"ann\",\"password\":\"%s\"}",
				"Authorization: Bearer %s", "Cookie: session=%s; theme=dark", "DB_PASS=%s",
				"postgres://app:%s@db:5432/orders", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.%s",
				"key AKIA%s used", "pushed with ghp_%s%s", "clone with glpat-%s%s", "posting as xoxb-%s",
				"charge with sk_live_%s%s");
		List<String> lines = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String token = Long.toString(this.random.nextLong() & Long.MAX_VALUE, 36).toUpperCase();
			lines.add(String.format(templates.get(i % templates.size()), token, token));
		}
		return lines;
	}

	private List<String> longLines(int count) {
		List<String> lines = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			StringBuilder line = new StringBuilder(16 * 1024);
			while (line.length() < 16 * 1024) {
				line.append("field").append(this.random.nextInt(1000)).append(" value ");
			}
			lines.add(line.toString());
		}
		return lines;
	}

	private List<String> longLinesWithKeys(int count) {
		List<String> lines = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			StringBuilder line = new StringBuilder(16 * 1024);
			while (line.length() < 16 * 1024) {
				line.append("x".repeat(1000)).append(" api_token=").append(this.random.nextInt(1_000_000)).append(' ');
			}
			lines.add(line.toString());
		}
		return lines;
	}

}
