package io.envstream.gateway.logs;

import io.envstream.schemas.cursor.Cursor;

import org.springframework.web.socket.CloseStatus;

/**
 * One message on its way to a client, already serialized. Line frames carry the position of their
 * last line (or of the last line they stand for, when a filter dropped every line: {@code json} is
 * then {@code null} and nothing is sent) and count against the send-queue bound; control frames
 * ({@code live}, {@code gap}, {@code lag}, {@code error}, a ping, a close) do not.
 * @param json the text frame, or {@code null}
 * @param lines log lines in it
 * @param last position of the last line it stands for, or {@code null} for a control frame
 * @param oldestNanos container timestamp of its oldest line (latency metric), or 0
 * @param close a close to perform instead of sending, or {@code null}
 * @param ping whether this is a ping
 */
record Frame(String json, int lines, Cursor last, long oldestNanos, CloseStatus close, boolean ping) {

	static Frame lines(String json, int lines, Cursor last, long oldestNanos) {
		return new Frame(json, lines, last, oldestNanos, null, false);
	}

	/** Stands for lines a filter dropped: moves the position on, sends nothing. */
	static Frame skipped(Cursor last) {
		return new Frame(null, 0, last, 0, null, false);
	}

	static Frame control(String json) {
		return new Frame(json, 0, null, 0, null, false);
	}

	static Frame close(CloseStatus status) {
		return new Frame(null, 0, null, 0, status, false);
	}

	static Frame pingFrame() {
		return new Frame(null, 0, null, 0, null, true);
	}

	boolean isLines() {
		return this.last != null;
	}

}
