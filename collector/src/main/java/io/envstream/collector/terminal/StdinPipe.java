package io.envstream.collector.terminal;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The exec's stdin as the engine client reads it: every {@link #write} is readable at once, whole
 * (a {@link java.io.PipedInputStream} would make a reader wait up to a second for a writer that does
 * not flush), and {@link #close} ends the stream. Unbounded, as keystrokes are small and the client
 * message size is limited.
 */
final class StdinPipe extends InputStream {

	private static final byte[] END = new byte[0];

	private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

	private byte[] current;

	private int position;

	private volatile boolean closed;

	void write(byte[] bytes) {
		if (!this.closed && bytes.length > 0) {
			this.chunks.add(bytes);
		}
	}

	@Override
	public int read() throws InterruptedIOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws InterruptedIOException {
		if (length == 0) {
			return 0;
		}
		if (this.current == null || this.position == this.current.length) {
			try {
				this.current = this.chunks.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while waiting for input");
			}
			this.position = 0;
			if (this.current == END) {
				this.chunks.add(END); // every later read sees the end too
				return -1;
			}
		}
		int count = Math.min(length, this.current.length - this.position);
		System.arraycopy(this.current, this.position, buffer, offset, count);
		this.position += count;
		return count;
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			this.chunks.add(END);
		}
	}

}
