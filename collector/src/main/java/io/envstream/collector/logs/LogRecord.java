package io.envstream.collector.logs;

import io.envstream.schemas.avro.Stream;

/**
 * One record of a container's log as the engine stores it: a whole line, or one 16 KiB piece of
 * a longer line ({@code partial}) that the following records of the same stream complete.
 * @param stream the output stream (a TTY container has only {@code STDOUT})
 * @param timestampNanos the engine's timestamp of the record (the pieces of one line share it)
 * @param content the bytes, without the trailing newline (and without the {@code \r} of a TTY)
 * @param partial whether the line goes on in the next record of this stream
 * @param file where it ends in its json-file log file, when read from one; else {@code null}
 */
public record LogRecord(Stream stream, long timestampNanos, byte[] content, boolean partial, FilePosition file) {

	/** A record read through the engine's API, which tells no file position. */
	public LogRecord(Stream stream, long timestampNanos, byte[] content, boolean partial) {
		this(stream, timestampNanos, content, partial, null);
	}

}
