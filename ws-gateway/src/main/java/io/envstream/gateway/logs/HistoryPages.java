package io.envstream.gateway.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.envstream.gateway.json.Timestamps;
import io.envstream.schemas.cursor.Cursor;

import org.springframework.stereotype.Component;

/**
 * Pages of stored lines for the REST history: a grep filters the stored pages until a page is
 * full, and a page is written as JSON, NDJSON or plain text.
 */
@Component
class HistoryPages {

	/** With grep, at most this many stored pages are scanned for one response. */
	private static final int MAX_SCANNED_PAGES = 10;

	/**
	 * Up to {@code query.limit()} lines.
	 * @param lines the lines, oldest first
	 * @param next where the next page starts, or {@code null} on the last page
	 */
	record Page(List<LogLine> lines, Cursor next) {
	}

	private final HistoryStore history;

	HistoryPages(HistoryStore history) {
		this.history = history;
	}

	/** Reads pages until {@code limit} lines pass grep, or the range ends, or the scan bound is hit. */
	Page read(HistoryQuery query, GrepPattern grep) {
		List<LogLine> kept = new ArrayList<>();
		Cursor position = query.after();
		for (int pages = 0; pages < ((grep == null) ? 1 : MAX_SCANNED_PAGES); pages++) {
			List<LogLine> lines = this.history.read(new HistoryQuery(query.environmentId(), query.stream(), position,
					query.from(), query.to(), query.limit()));
			for (LogLine line : lines) {
				position = line.cursor();
				if (grep == null || grep.find(line.message())) {
					kept.add(line);
					if (kept.size() == query.limit()) {
						return new Page(kept, position);
					}
				}
			}
			if (lines.size() < query.limit()) {
				return new Page(kept, null);
			}
		}
		return new Page(kept, position);
	}

	/** {@code {"logs":[…],"count":N,"next":"<cursor>"|null}}, the lines written as {@code log} messages. */
	static String json(List<LogLine> lines, String next) {
		StringBuilder out = new StringBuilder("{\"logs\":[");
		for (int i = 0; i < lines.size(); i++) {
			out.append((i == 0) ? "" : ",").append(FrameEncoder.line(lines.get(i)));
		}
		out.append("],\"count\":").append(lines.size()).append(",\"next\":");
		out.append((next == null) ? "null" : "\"" + next + "\"").append('}');
		return out.toString();
	}

	/** One {@code log} message a line. */
	static String ndjson(List<LogLine> lines) {
		return joined(lines, FrameEncoder::line);
	}

	/** {@code <timestamp> <stream> <message>} a line. */
	static String text(List<LogLine> lines) {
		return joined(lines, HistoryPages::text);
	}

	private static String joined(List<LogLine> lines, Function<LogLine, String> format) {
		StringBuilder out = new StringBuilder();
		lines.forEach((line) -> out.append(format.apply(line)).append('\n'));
		return out.toString();
	}

	private static String text(LogLine line) {
		StringBuilder out = new StringBuilder();
		Timestamps.append(out, line.timestampNanos());
		return out.append(' ').append(line.stream()).append(' ').append(line.message()).toString();
	}

}
