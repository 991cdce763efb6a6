package io.envstream.collector.logs;

import java.io.IOException;
import java.io.InputStream;

import io.envstream.schemas.avro.Stream;

/**
 * Reads the raw stream of a container with a TTY, where records are not framed: each is
 * {@code <timestamp> <content>}, ended by a newline, or a piece of exactly {@value #PIECE} bytes
 * when the engine split a longer line (its log copier's buffer), or shorter at the end of the log.
 * A TTY ends lines with {@code \r\n}; the {@code \r} is dropped. {@code json-file} stores each byte of a
 * character the cut split as U+FFFD, three bytes, so such a piece is up to {@value #SPLIT_CHARACTER_EXTRA} bytes
 * longer: bytes that are not ASCII right after 16 KiB still belong to it, since the next record starts with its
 * timestamp's digits.
 */
final class TtyRecordSplitter implements LogReader {

	static final int PIECE = Records.PIECE;

	/** What U+FFFD adds to a piece: two bytes for each of the at most three bytes of a split character. */
	static final int SPLIT_CHARACTER_EXTRA = 6;

	private static final int MAX_TIMESTAMP = 64;

	private final InputStream in;

	private final byte[] buffer = new byte[64 * 1024];

	/** The record being assembled: {@link Records#parse} copies the content out, so one array serves every record. */
	private final byte[] record = new byte[MAX_TIMESTAMP + PIECE + SPLIT_CHARACTER_EXTRA + 1];

	private int position;

	private int limit;

	TtyRecordSplitter(InputStream in) {
		this.in = in;
	}

	@Override
	public LogRecord next() throws IOException {
		byte[] record = this.record;
		int length = 0;
		// the timestamp and its space
		while (true) {
			if (!fill()) {
				if (length == 0) {
					return null;
				}
				throw new IOException("TTY log stream ended inside a timestamp");
			}
			byte b = this.buffer[this.position++];
			record[length++] = b;
			if (b == ' ') {
				break;
			}
			if (length == MAX_TIMESTAMP) {
				throw new IOException("TTY log record without a timestamp");
			}
		}
		int contentStart = length;
		boolean newline = false;
		while (length - contentStart < PIECE && fill()) {
			int available = Math.min(this.limit - this.position, PIECE - (length - contentStart));
			int end = this.position + available;
			int stop = end;
			for (int i = this.position; i < end; i++) {
				if (this.buffer[i] == '\n') {
					stop = i;
					newline = true;
					break;
				}
			}
			System.arraycopy(this.buffer, this.position, record, length, stop - this.position);
			length += stop - this.position;
			this.position = newline ? stop + 1 : stop;
			if (newline) {
				break;
			}
		}
		int pieceEnd = contentStart + PIECE + SPLIT_CHARACTER_EXTRA;
		while (!newline && length - contentStart >= PIECE && length < pieceEnd && fill()
				&& this.buffer[this.position] < 0) {
			record[length++] = this.buffer[this.position++];
		}
		if (newline && length > contentStart && record[length - 1] == '\r') {
			length--;
		}
		if (newline) {
			record[length++] = '\n';
		}
		return Records.parse(Stream.STDOUT, record, 0, length);
	}

	private boolean fill() throws IOException {
		if (this.position < this.limit) {
			return true;
		}
		int read = this.in.read(this.buffer, 0, this.buffer.length);
		if (read <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = read;
		return true;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
