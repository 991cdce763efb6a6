package io.envstream.collector.logs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * One open file of a container's {@code json-file} log: the current file or a rotated one, read
 * through its handle (a rename does not disturb it), or a rotated file the engine compressed
 * ({@code compress=true}), read once through gzip. A plain file knows its identity (the file
 * system's key, the inode on Linux), by which the reader recognises it after renames.
 */
final class LogFileSegment implements Closeable {

	private final Path path;

	private final Object key;

	private final String keyText;

	private final FileChannel channel;

	private final InputStream gzip;

	private long position;

	private LogFileSegment(Path path, Object key, FileChannel channel, InputStream gzip) {
		this.path = path;
		this.key = key;
		this.keyText = (key != null) ? key.toString() : null;
		this.channel = channel;
		this.gzip = gzip;
	}

	/**
	 * Opens a file and tells its identity; the identity is read before and after opening, so that a
	 * rename in between (a rotation) is noticed and the file opened again rather than mistaken.
	 * @return the segment, or {@code null} when there is no such file
	 */
	static LogFileSegment open(Path path) throws IOException {
		if (path.getFileName().toString().endsWith(".gz")) {
			try {
				return new LogFileSegment(path, null, null, new GZIPInputStream(Files.newInputStream(path), 64 * 1024));
			}
			catch (NoSuchFileException ex) {
				return null;
			}
		}
		while (true) {
			Object before = JsonFileLog.keyOf(path);
			if (before == null) {
				return null;
			}
			FileChannel channel;
			try {
				channel = FileChannel.open(path, StandardOpenOption.READ);
			}
			catch (NoSuchFileException ex) {
				return null;
			}
			if (before.equals(JsonFileLog.keyOf(path))) {
				return new LogFileSegment(path, before, channel, null);
			}
			channel.close();
		}
	}

	/** Reads what the file has past the position into {@code buffer}; -1 at its end for now. */
	int read(byte[] buffer, int offset, int length) throws IOException {
		if (this.gzip != null) {
			return this.gzip.read(buffer, offset, length);
		}
		int read = this.channel.read(ByteBuffer.wrap(buffer, offset, length), this.position);
		if (read > 0) {
			this.position += read;
		}
		return read;
	}

	/** Whether the engine cut the file to nothing ({@code max-file=1}) since it was read up to here. */
	boolean truncated() throws IOException {
		return this.channel != null && this.channel.size() < this.position;
	}

	/** Whether the plain file holds more than was read of it (a compressed one is read through once). */
	boolean hasUnread() throws IOException {
		return this.channel != null && this.channel.size() > this.position;
	}

	/** Reads on from {@code offset} (0 after a truncation). */
	void seek(long offset) {
		this.position = offset;
	}

	/** Reads {@code length} bytes from {@code offset} (a plain file only), without moving the position. */
	byte[] readAt(long offset, int length) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(length);
		while (bytes.hasRemaining()) {
			if (this.channel.read(bytes, offset + bytes.position()) < 0) {
				throw new IOException(this.path + " ended before offset " + (offset + length));
			}
		}
		return bytes.array();
	}

	/** The plain file's size now. */
	long size() throws IOException {
		return this.channel.size();
	}

	/** The file's identity, or {@code null} for a compressed file (a copy under another name). */
	Object key() {
		return this.key;
	}

	/** The identity as a checkpoint keeps it, or {@code null} for a compressed file. */
	String keyText() {
		return this.keyText;
	}

	boolean sameFileAs(Object otherKey) {
		return this.key != null && Objects.equals(this.key, otherKey);
	}

	long position() {
		return this.position;
	}

	Path path() {
		return this.path;
	}

	@Override
	public void close() throws IOException {
		if (this.channel != null) {
			this.channel.close();
		}
		else {
			this.gzip.close();
		}
	}

}
