package io.envstream.testsupport.ws;

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

}
