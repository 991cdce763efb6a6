package io.envstream.testsupport.ws;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmarks' WebSocket clients on raw sockets: the upgrade request, then the server's frames parsed
 * off the bytes (RFC 6455 without extensions), each text message handed over as a Latin-1 string (a byte
 * per char: no decoding, as what the benchmarks scan for, stamps, timestamps and message types, is ASCII),
 * pings answered with pongs, a close answered and the socket closed. The JDK's client cost 4-5 µs per line
 * received, half of it decoding UTF-8, on the same two cores as the servers it measured, and failed a few
 * of a thousand connections resuming at once on frames it could not parse, frames that were well formed.
 * Each of {@code threads} selector threads reads its share of the connections.
 */
public final class WireWebSockets implements AutoCloseable {

	/** What a connection reports; called on its selector thread. */
	public interface Listener {

		void onText(String text);

		void onClose(int code, String reason);

		void onError(Exception error);

	}

	/** A connection made by {@link #connect}. */
	public interface Connection {

		/** Completes once the server's {@code 101} is read, or fails with the status line it sent instead. */
		CompletableFuture<Void> upgraded();

		/** Closes the socket without a close frame, as a client that vanishes does. */
		void abort();

	}

	private static final int OPCODE_CONTINUATION = 0;

	private static final int OPCODE_TEXT = 1;

	private static final int OPCODE_CLOSE = 8;

	private static final int OPCODE_PING = 9;

	private static final int OPCODE_PONG = 10;

	private final List<Reader> readers = new ArrayList<>();

	private int next;

	public WireWebSockets(int threads) throws IOException {
		for (int i = 0; i < threads; i++) {
			Reader reader = new Reader(Selector.open());
			Thread thread = new Thread(reader, "wire-websockets-" + i);
			thread.setDaemon(true);
			thread.start();
			this.readers.add(reader);
		}
	}

	/**
	 * Starts connecting to {@code uri} ({@code ws://host:port/path?query}) without waiting: a selector thread
	 * finishes the TCP connection and sends the upgrade request, so many clients can begin within a moment
	 * even while the server's accept backlog makes some of them wait.
	 */
	public Connection connect(URI uri, Listener listener) throws IOException {
		SocketChannel channel = SocketChannel.open();
		channel.configureBlocking(false);
		channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		String request = "GET " + uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")
				+ " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
		WireConnection connection = new WireConnection(channel, listener,
				ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
		boolean connected = channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
		if (connected) {
			connection.sendRequest();
		}
		Reader reader;
		synchronized (this.readers) {
			reader = this.readers.get(this.next++ % this.readers.size());
		}
		reader.pending.add(connection);
		reader.selector.wakeup();
		return connection;
	}

	@Override
	public void close() throws IOException {
		for (Reader reader : this.readers) {
			reader.running = false;
			reader.selector.wakeup();
		}
	}

	private static void writeFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			channel.write(bytes);
		}
	}

	private static final class Reader implements Runnable {

		final Selector selector;

		final Queue<WireConnection> pending = new ConcurrentLinkedQueue<>();

		volatile boolean running = true;

		Reader(Selector selector) {
			this.selector = selector;
		}

		@Override
		public void run() {
			try {
				while (this.running) {
					this.selector.select(100);
					for (WireConnection added = this.pending.poll(); added != null; added = this.pending.poll()) {
						if (added.channel.isOpen()) {
							added.channel.register(this.selector,
									added.channel.isConnected() ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, added);
						}
					}
					for (SelectionKey key : this.selector.selectedKeys()) {
						WireConnection connection = (WireConnection) key.attachment();
						if (key.isValid() && key.isConnectable()) {
							connection.finishConnect(key);
						}
						else if (key.isValid()) {
							connection.readAvailable();
						}
					}
					this.selector.selectedKeys().clear();
				}
				for (SelectionKey key : this.selector.keys()) {
					key.channel().close();
				}
				this.selector.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** One connection's parsing state: its unread bytes, and the text message its frames are assembling. */
	private static final class WireConnection implements Connection {

		private static final byte[] END_OF_HEADERS = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

		final SocketChannel channel;

		final Listener listener;

		final CompletableFuture<Void> upgraded = new CompletableFuture<>();

		private ByteBuffer in = ByteBuffer.allocate(64 * 1024);

		private byte[] message = new byte[0];

		private int messageLength;

		private boolean closed;

		private final ByteBuffer request;

		WireConnection(SocketChannel channel, Listener listener, ByteBuffer request) {
			this.channel = channel;
			this.listener = listener;
			this.request = request;
		}

		void finishConnect(SelectionKey key) {
			try {
				if (!this.channel.finishConnect()) {
					return;
				}
				sendRequest();
				key.interestOps(SelectionKey.OP_READ);
			}
			catch (IOException | RuntimeException ex) {
				fail(ex);
			}
		}

		/** The upgrade request: a few hundred bytes, which an empty socket buffer takes whole. */
		void sendRequest() throws IOException {
			writeFully(this.channel, this.request);
		}

		@Override
		public CompletableFuture<Void> upgraded() {
			return this.upgraded;
		}

		@Override
		public void abort() {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		void readAvailable() {
			try {
				if (this.channel.read(this.in) < 0) {
					throw new EOFException("the server closed the connection without a close frame");
				}
				this.in.flip();
				boolean more = this.upgraded.isDone() || readUpgradeResponse();
				while (more && !this.closed) {
					more = readFrame();
				}
				this.in.compact();
			}
			catch (IOException | RuntimeException ex) {
				fail(ex);
			}
		}

		/** Consumes the response headers once all are in; true if it was a 101. */
		private boolean readUpgradeResponse() throws IOException {
			int end = indexOf(END_OF_HEADERS);
			if (end < 0) {
				ensureRoom(this.in.remaining() + 1);
				return false;
			}
			String headers = new String(this.in.array(), this.in.position(), end - this.in.position(),
					StandardCharsets.ISO_8859_1);
			this.in.position(end + END_OF_HEADERS.length);
			String status = headers.lines().findFirst().orElse("");
			if (!status.startsWith("HTTP/1.1 101")) {
				throw new IOException("upgrade refused: " + status);
			}
			this.upgraded.complete(null);
			return true;
		}

		/** Consumes one whole frame if the buffer holds it; false when it needs more bytes. */
		private boolean readFrame() throws IOException {
			ByteBuffer in = this.in;
			if (in.remaining() < 2) {
				return false;
			}
			int start = in.position();
			int first = in.get(start) & 0xff;
			int second = in.get(start + 1) & 0xff;
			if ((first & 0x70) != 0 || (second & 0x80) != 0) {
				throw new IOException("bad frame header: reserved bits or a masked server frame, byte0 "
						+ Integer.toHexString(first) + " byte1 " + Integer.toHexString(second));
			}
			int lengthCode = second & 0x7f;
			int headerLength = (lengthCode == 126) ? 4 : (lengthCode == 127) ? 10 : 2;
			if (in.remaining() < headerLength) {
				return false;
			}
			long length = (lengthCode == 126) ? in.getShort(start + 2) & 0xffff
					: (lengthCode == 127) ? in.getLong(start + 2) : lengthCode;
			if (length > Integer.MAX_VALUE - headerLength) {
				throw new IOException("frame too long: " + length);
			}
			int frameLength = headerLength + (int) length;
			if (in.remaining() < frameLength) {
				ensureRoom(frameLength);
				return false;
			}
			int payload = start + headerLength;
			in.position(start + frameLength);
			boolean fin = (first & 0x80) != 0;
			switch (first & 0x0f) {
				case OPCODE_TEXT, OPCODE_CONTINUATION -> text(payload, (int) length, fin);
				case OPCODE_PING -> send(OPCODE_PONG, payload, (int) length);
				case OPCODE_PONG -> {
					// unsolicited: nothing to do
				}
				case OPCODE_CLOSE -> {
					int code = (length >= 2) ? in.getShort(payload) & 0xffff : 1005;
					String reason = (length > 2) ? new String(in.array(), payload + 2, (int) length - 2,
							StandardCharsets.UTF_8) : "";
					send(OPCODE_CLOSE, payload, (int) Math.min(length, 2));
					this.closed = true;
					this.channel.close();
					this.listener.onClose(code, reason);
				}
				default -> throw new IOException("unexpected opcode " + (first & 0x0f));
			}
			return true;
		}

		private void text(int payload, int length, boolean fin) {
			byte[] array = this.in.array();
			if (fin && this.messageLength == 0) {
				this.listener.onText(new String(array, payload, length, StandardCharsets.ISO_8859_1));
				return;
			}
			if (this.message.length < this.messageLength + length) {
				this.message = Arrays.copyOf(this.message, Math.max(2 * this.message.length,
						this.messageLength + length));
			}
			System.arraycopy(array, payload, this.message, this.messageLength, length);
			this.messageLength += length;
			if (fin) {
				this.listener.onText(new String(this.message, 0, this.messageLength, StandardCharsets.ISO_8859_1));
				this.messageLength = 0;
			}
		}

		/** A masked control frame (a client's frames are masked) with the payload at {@code from} in the buffer. */
		private void send(int opcode, int from, int length) throws IOException {
			byte[] mask = new byte[4];
			ThreadLocalRandom.current().nextBytes(mask);
			ByteBuffer frame = ByteBuffer.allocate(6 + length);
			frame.put((byte) (0x80 | opcode)).put((byte) (0x80 | length)).put(mask);
			for (int i = 0; i < length; i++) {
				frame.put((byte) (this.in.get(from + i) ^ mask[i % 4]));
			}
			writeFully(this.channel, frame.flip());
		}

		/** Makes the buffer (now in read mode) able to hold {@code bytes} unread bytes. */
		private void ensureRoom(int bytes) {
			if (this.in.capacity() < bytes) {
				ByteBuffer larger = ByteBuffer.allocate(Math.max(bytes, 2 * this.in.capacity()));
				larger.put(this.in);
				larger.flip();
				this.in = larger;
			}
		}

		private int indexOf(byte[] needle) {
			byte[] array = this.in.array();
			for (int i = this.in.position(); i + needle.length <= this.in.limit(); i++) {
				if (Arrays.equals(array, i, i + needle.length, needle, 0, needle.length)) {
					return i;
				}
			}
			return -1;
		}

		private void fail(Exception error) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				error.addSuppressed(ex);
			}
			if (!this.upgraded.completeExceptionally(error)) {
				this.listener.onError(error);
			}
		}

	}

}
