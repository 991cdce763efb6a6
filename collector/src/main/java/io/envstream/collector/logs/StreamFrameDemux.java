package io.envstream.collector.logs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import io.envstream.schemas.avro.Stream;

/**
 * Reads the engine's multiplexed stream of a container without a TTY: frames of an 8-byte header
 * (stream type, three zero bytes, big-endian payload length) and the payload, one log record per
 * frame.
 */
final class StreamFrameDemux implements LogReader {

	/** Far above the engine's 16 KiB pieces; a bigger length means the stream is corrupt. */
	static final int MAX_FRAME = 16 * 1024 * 1024;

	private final InputStream in;

	private final byte[] header = new byte[8];

	StreamFrameDemux(InputStream in) {
		this.in = in;
	}

	@Override
	public LogRecord next() throws IOException {
		int read = readFully(this.header, this.header.length);
		if (read == 0) {
			return null;
		}
		if (read < this.header.length) {
			throw new EOFException("log stream ended inside a frame header");
		}
		Stream stream = switch (this.header[0]) {
			case 1 -> Stream.STDOUT;
			case 2 -> Stream.STDERR;
			default -> throw new IOException("unexpected stream type " + this.header[0] + " in a log frame");
		};
		long size = ((this.header[4] & 0xffL) << 24) | ((this.header[5] & 0xff) << 16) | ((this.header[6] & 0xff) << 8)
				| (this.header[7] & 0xff);
		if (size > MAX_FRAME) {
			throw new IOException("log frame of " + size + " bytes exceeds " + MAX_FRAME + ": corrupt stream");
		}
		byte[] payload = new byte[(int) size];
		if (readFully(payload, payload.length) < size) {
			throw new EOFException("log stream ended inside a frame of " + size + " bytes");
		}
		return Records.parse(stream, payload, 0, payload.length);
	}

	// InputStream#readNBytes may stop early in subclasses that override it (ByteArrayInputStream)
	private int readFully(byte[] target, int length) throws IOException {
		int done = 0;
		while (done < length) {
			int read = this.in.read(target, done, length - done);
			if (read < 0) {
				break;
			}
			done += read;
		}
		return done;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
