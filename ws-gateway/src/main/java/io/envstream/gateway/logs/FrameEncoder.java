package io.envstream.gateway.logs;

import java.util.ArrayList;
import java.util.List;

import io.envstream.gateway.json.Timestamps;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;

/**
 * Writes the server → client messages of the logs endpoint as JSON text. Hand-written because it
 * runs once per (batch, filter) on the fan-out thread: no reflection, no intermediate tree.
 */
final class FrameEncoder {

	private FrameEncoder() {
	}

	/**
	 * The lines as {@code batch} frames of at most {@code maxLines} lines and about
	 * {@code maxBytes} characters each; every frame's position is that of its last line.
	 */
	static List<Frame> batches(List<LogLine> lines, int maxLines, int maxBytes) {
		List<Frame> frames = new ArrayList<>();
		StringBuilder logs = new StringBuilder();
		int count = 0;
		long oldest = 0;
		LogLine last = null;
		StringBuilder item = new StringBuilder(256);
		for (LogLine line : lines) {
			item.setLength(0);
			appendLine(item, line, "log");
			if (count > 0 && (count >= maxLines || logs.length() + item.length() + 48 > maxBytes)) {
				frames.add(batch(logs, count, last, oldest));
				logs.setLength(0);
				count = 0;
			}
			if (count == 0) {
				oldest = line.timestampNanos();
			}
			else {
				logs.append(',');
			}
			logs.append(item);
			count++;
			last = line;
		}
		if (count > 0) {
			frames.add(batch(logs, count, last, oldest));
		}
		return frames;
	}

	private static Frame batch(StringBuilder logs, int count, LogLine last, long oldest) {
		String json = "{\"type\":\"batch\",\"logs\":[" + logs + "],\"count\":" + count + "}";
		return Frame.lines(json, count, last.cursor(), oldest);
	}

	/** One line as a {@code log} message (the REST API writes the same objects). */
	static String line(LogLine line) {
		StringBuilder out = new StringBuilder(256);
		appendLine(out, line, "log");
		return out.toString();
	}

	static void appendLine(StringBuilder out, LogLine line, String type) {
		out.append("{\"type\":\"").append(type).append("\",\"timestamp\":\"");
		Timestamps.append(out, line.timestampNanos());
		out.append("\",\"stream\":\"").append(line.stream()).append("\",\"message\":");
		string(out, line.message());
		out.append(",\"meta\":{\"cursor\":\"").append(CursorCodec.encode(line.cursor())).append("\",\"container\":");
		string(out, line.container());
		out.append(",\"host\":");
		string(out, line.host());
		out.append(",\"seq\":").append(line.seq()).append("}}");
	}

	static String live() {
		return "{\"type\":\"live\"}";
	}

	static String gap(Cursor from, Cursor to, String reason) {
		return "{\"type\":\"gap\",\"from\":\"" + CursorCodec.encode(from) + "\",\"to\":\"" + CursorCodec.encode(to)
				+ "\",\"reason\":\"" + reason + "\"}";
	}

	static String lag(long behind) {
		return "{\"type\":\"lag\",\"behind\":" + Math.max(0, behind) + "}";
	}

	static String error(String code, String message) {
		StringBuilder out = new StringBuilder("{\"type\":\"error\",\"code\":\"").append(code).append("\",\"message\":");
		string(out, message);
		return out.append('}').toString();
	}

	static void string(StringBuilder out, String value) {
		out.append('"');
		// runs of characters that need no escape are appended whole (most lines have no escape at all): char by char,
		// this was the gateway's costliest frame in a profile of the end-to-end drain
		int plain = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029) {
				out.append(value, plain, i).append(escape(c));
				plain = i + 1;
			}
		}
		if (plain == 0) {
			out.append(value);
		}
		else {
			out.append(value, plain, value.length());
		}
		out.append('"');
	}

	private static String escape(char c) {
		return switch (c) {
			case '"' -> "\\\"";
			case '\\' -> "\\\\";
			case '\n' -> "\\n";
			case '\r' -> "\\r";
			case '\t' -> "\\t";
			default -> String.format("\\u%04x", (int) c);
		};
	}

}
