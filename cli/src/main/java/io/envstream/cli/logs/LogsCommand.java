package io.envstream.cli.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.envstream.cli.CliException;
import io.envstream.cli.ColorOption;
import io.envstream.cli.ConnectionOptions;
import io.envstream.cli.Exit;
import io.envstream.cli.Gateway;
import io.envstream.cli.Io;
import io.envstream.cli.Selector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code logs ENV...}: the history, and with {@code -f} the live stream, of one or several environments merged. */
@Command(name = "logs", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Print the logs of one or more environments; several merge into one stream ordered by time.",
				"With -f, follow: reconnect with backoff (1, 2, 4, 8, 16 s) and resume after the last line, "
						+ "with no gap and no repeat. Ctrl-C ends it (exit status 0)." })
public final class LogsCommand implements Callable<Integer> {

	private final Io io;

	@Mixin
	ConnectionOptions connection;

	@Mixin
	ColorOption color;

	@Parameters(paramLabel = "ENV", arity = "0..*", description = "Environment ids (or -l).")
	List<String> environments = new ArrayList<>();

	@Option(names = { "-l", "--selector" }, paramLabel = "SELECTOR",
			description = "Also every environment that matches, e.g. team=web (keys as for ls); with -f, also those "
					+ "that match later (listed again every 5 s).")
	String selector;

	@Option(names = { "-f", "--follow" }, description = "Keep following the live stream.")
	boolean follow;

	@Option(names = "--since", paramLabel = "TIME", description = "Lines since a duration ago (90s, 15m, 1h, 2d) or an RFC 3339 time.")
	String since;

	@Option(names = "--tail", paramLabel = "N", description = "The last N lines of history first (gateway default 100, max 10000).")
	Integer tail;

	@Option(names = "--stream", paramLabel = "STREAM", description = "stdout, stderr or all (default).")
	String stream;

	@Option(names = "--grep", paramLabel = "RE", description = "Only lines whose message matches the regular expression.")
	String grep;

	@Option(names = "--timestamps", description = "Show each line's time (RFC 3339).")
	boolean timestamps;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT", defaultValue = "text",
			description = "text (default), json (an object per line, with its cursor) or raw (the message alone).")
	LinePrinter.Format format;

	@Option(names = "--resume", paramLabel = "CURSOR", description = "Everything strictly after this cursor (one environment).")
	String resume;

	@Option(names = "--replay", description = "Replay with the original pace (with --since or --resume), then join live.")
	boolean replay;

	@Option(names = "--speed", paramLabel = "N", description = "Replay N times faster (0.25 to 100), or max.")
	String speed;

	@Option(names = "--until", paramLabel = "TIME", description = "End the replay there (a duration ago or an RFC 3339 time).")
	String until;

	public LogsCommand(Io io) {
		this.io = io;
	}

	@Override
	public Integer call() throws InterruptedException {
		LogsQuery query = query();
		Pattern pattern = pattern();
		Gateway gateway = new Gateway(this.connection.target(this.io));
		List<String> ids = environments(gateway);
		if (this.resume != null && ids.size() != 1) {
			throw new CliException(Exit.USAGE, "--resume takes one environment: a cursor belongs to one");
		}
		boolean watchSelector = this.selector != null && this.follow;
		LinePrinter printer = new LinePrinter(this.io.out(), this.format, ids, ids.size() > 1 || watchSelector,
				this.color.enabled(this.io), this.timestamps);
		Merger merger = new Merger(ids);
		Sink sink = new Sink(merger, printer);
		Streams streams = new Streams((id) -> new LogStream(id, gateway, query, pattern, sink, this.io.err()));
		SelectorWatch watch = watchSelector ? new SelectorWatch(gateway, this.selector, ids, (id) -> {
			sink.join(id);
			streams.start(id);
		}, this.io.err()) : null;
		// Ctrl-C ends the streams and the command, with status 0: following until told to stop is success
		this.io.console().onInterrupt(streams::stop);
		ids.forEach(streams::start);
		if (watch != null) {
			Thread watching = new Thread(watch, "logs-selector");
			watching.setDaemon(true);
			watching.start();
		}
		try {
			return streams.await();
		}
		finally {
			if (watch != null) {
				watch.stop();
			}
		}
	}

	/** Where every stream's lines go: through the merge to the printer, one environment's message at a time. */
	private record Sink(Merger merger, LinePrinter printer) implements LogStream.Sink {

		@Override
		public void lines(String environment, List<LogLine> lines) {
			synchronized (this.merger) {
				this.merger.offer(environment, lines).forEach(this.printer::print);
				this.printer.flush();
			}
		}

		@Override
		public void caughtUp(String environment) {
			synchronized (this.merger) {
				this.merger.caughtUp(environment).forEach(this.printer::print);
				this.printer.flush();
			}
		}

		void join(String environment) {
			synchronized (this.merger) {
				this.merger.join(environment);
				this.printer.add(environment);
			}
		}

	}

	private LogsQuery query() {
		Instant now = Instant.now();
		Instant from = (this.since != null) ? Since.parse("--since", this.since, now) : null;
		Instant to = (this.until != null) ? Since.parse("--until", this.until, now) : null;
		if (this.stream != null && !List.of("stdout", "stderr", "all").contains(this.stream)) {
			throw new CliException(Exit.USAGE, "--stream must be stdout, stderr or all, not " + this.stream);
		}
		if (this.tail != null && (this.tail < 0 || this.tail > 10_000)) {
			throw new CliException(Exit.USAGE, "--tail must be between 0 and 10000");
		}
		if (this.replay && from == null && this.resume == null) {
			throw new CliException(Exit.USAGE, "--replay needs --since or --resume: where the replay starts");
		}
		if (!this.replay && (this.speed != null || to != null)) {
			throw new CliException(Exit.USAGE, "--speed and --until go with --replay");
		}
		String pace = this.replay ? ((this.speed != null) ? this.speed : "1") : null;
		boolean following = this.follow || (this.replay && to == null);
		return new LogsQuery(this.stream, this.tail, from, following, pace, to, this.resume);
	}

	private Pattern pattern() {
		if (this.grep == null) {
			return null;
		}
		try {
			return Pattern.compile(this.grep);
		}
		catch (PatternSyntaxException ex) {
			throw new CliException(Exit.USAGE, "--grep " + this.grep + " is not a regular expression: "
					+ ex.getDescription());
		}
	}

	private List<String> environments(Gateway gateway) {
		LinkedHashSet<String> ids = new LinkedHashSet<>(this.environments);
		if (this.selector != null) {
			List<String> selected = Selector.parse(this.selector).ids(gateway.environments());
			if (selected.isEmpty() && ids.isEmpty()) {
				if (!this.follow) {
					throw new CliException(Exit.NOT_FOUND, "no environment you may see matches " + this.selector);
				}
				// as stern: -f follows what matches later, so none matching yet is not an error
				this.io.err().println("no environment you may see matches " + this.selector + " yet; waiting for one (listed again every "
						+ SelectorWatch.INTERVAL.toSeconds() + " s)");
				return List.of();
			}
			ids.addAll(selected);
		}
		if (ids.isEmpty()) {
			throw new CliException(Exit.USAGE, "name an environment (envstream ls lists them) or give -l SELECTOR");
		}
		return List.copyOf(ids);
	}

}
