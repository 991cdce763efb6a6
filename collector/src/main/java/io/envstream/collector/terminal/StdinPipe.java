package io.envstream.collector.terminal;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The exec's stdin as the engine client reads it: every {@link #write} is readable at once, whole
 * (a {@link java.io.PipedInputStream} would make a reader wait up to a second for a writer that does
 * not flush), and {@link #close} ends the stream. Input the shell does not read stops being taken: once
 * {@link #HOLD_AT} bytes wait, the connection they came from is held ({@link ReadingHold}) until the shell has read
 * all but half of them, so a client sending faster than its shell reads waits instead of filling the agent's memory.
 */
final class StdinPipe extends InputStream {

	/** Unread input at which its connection is held: a client message or two (the gateway takes 1 MB at most). */
	static final int HOLD_AT = 1024 * 1024;

	private static final byte[] END = new byte[0];

	private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();

	private byte[] current;

	private int position;

	private volatile boolean closed;

	private long unread; // guarded by this

	/** Each held connection once: Tomcat does not count suspensions, so one resume ends any number of them. */
	private final Set<ReadingHold> held = new LinkedHashSet<>(); // guarded by this

	/**
	 * Adds input for the shell; if {@link #HOLD_AT} bytes or more now wait, holds {@code from} (unless it is held
	 * already), under the pipe's lock so that the release cannot come first.
	 */
	synchronized void write(byte[] bytes, ReadingHold from) {
		if (this.closed || bytes.length == 0) {
			return;
		}
		this.chunks.add(bytes);
		this.unread += bytes.length;
		if (this.unread >= HOLD_AT && this.held.add(from)) {
			from.hold();
		}
	}

	/** Whether a connection is held: it cannot answer pings meanwhile. */
	synchronized boolean holding() {
		return !this.held.isEmpty();
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
		taken(count);
		return count;
	}

	private synchronized void taken(int count) {
		this.unread -= count;
		if (!this.held.isEmpty() && this.unread <= HOLD_AT / 2) {
			this.held.forEach(ReadingHold::release);
			this.held.clear();
		}
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			this.chunks.add(END);
		}
	}

}
