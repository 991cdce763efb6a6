package io.envstream.gateway.logs;

import java.nio.charset.StandardCharsets;

import io.envstream.schemas.cursor.Cursor;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

/**
 * One message on its way to a client, already serialized into the {@link TextMessage} the socket
 * sends: the live fan-out queues the same frame, message included, for every client of an
 * environment with the same filter, so a batch is encoded once whatever the number of clients. A
 * frame carries nothing of one client's: its lines' cursors are the lines' own. Line frames carry the
 * position of their last line (or of the last line they stand for, when a filter dropped every line:
 * {@code message} is then {@code null} and nothing is sent) and count against the send-queue bound;
 * control frames ({@code live}, {@code gap}, {@code lag}, {@code error}, a ping, a close) do not.
 * @param message the text frame, or {@code null}
 * @param lines log lines in it
 * @param last position of the last line it stands for, or {@code null} for a control frame
 * @param oldestNanos container timestamp of its oldest line (latency metric), or 0
 * @param close a close to perform instead of sending, or {@code null}
 * @param ping whether this is a ping
 */
record Frame(TextMessage message, int lines, Cursor last, long oldestNanos, CloseStatus close, boolean ping) {

	static Frame lines(String json, int lines, Cursor last, long oldestNanos) {
		return new Frame(utf8(json), lines, last, oldestNanos, null, false);
	}

	/**
	 * A message made from the text's UTF-8 bytes, which it keeps ({@link TextMessage#asBytes}): every send
	 * of the frame, to however many clients, writes these same bytes.
	 */
	private static TextMessage utf8(String json) {
		return new TextMessage(json.getBytes(StandardCharsets.UTF_8));
	}

	/** Stands for lines a filter dropped: moves the position on, sends nothing. */
	static Frame skipped(Cursor last) {
		return new Frame(null, 0, last, 0, null, false);
	}

	static Frame control(String json) {
		return new Frame(new TextMessage(json), 0, null, 0, null, false);
	}

	static Frame close(CloseStatus status) {
		return new Frame(null, 0, null, 0, status, false);
	}

	static Frame pingFrame() {
		return new Frame(null, 0, null, 0, null, true);
	}

	/** The text sent, or {@code null}. */
	String json() {
		return (this.message == null) ? null : this.message.getPayload();
	}

	boolean isLines() {
		return this.last != null;
	}

}
