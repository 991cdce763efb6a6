package io.envstream.collector;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP front for the engine's Unix socket that a test can take down (closing every connection,
 * refusing new ones) and bring back on the same port: the engine going away and back for one
 * client, without stopping the engine that other tests share.
 */
final class EngineProxy implements AutoCloseable {

	private final UnixDomainSocketAddress engine;

	private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();

	private volatile ServerSocketChannel server;

	private volatile int port;

	private EngineProxy(Path socket) {
		this.engine = UnixDomainSocketAddress.of(socket);
	}

	static EngineProxy start(Path socket) throws IOException {
		EngineProxy proxy = new EngineProxy(socket);
		proxy.up();
		return proxy;
	}

	/** {@code tcp://127.0.0.1:<port>}, for {@code envstream.collector.docker-host}. */
	String dockerHost() {
		return "tcp://127.0.0.1:" + this.port;
	}

	synchronized void up() throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open();
		channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
		channel.bind(new InetSocketAddress("127.0.0.1", this.port));
		this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
		this.server = channel;
		Thread acceptor = new Thread(() -> accept(channel), "engine-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** The engine is gone for every client of this proxy. */
	synchronized void down() throws IOException {
		this.server.close();
		for (SocketChannel connection : this.connections) {
			connection.close();
		}
		this.connections.clear();
	}

	private void accept(ServerSocketChannel channel) {
		while (channel.isOpen()) {
			try {
				SocketChannel client = channel.accept();
				SocketChannel upstream = SocketChannel.open(this.engine);
				this.connections.add(client);
				this.connections.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				return; // closed by down()
			}
		}
	}

	private void pump(SocketChannel from, SocketChannel to) {
		Thread thread = new Thread(() -> {
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			try {
				while (from.read(buffer) >= 0) {
					buffer.flip();
					while (buffer.hasRemaining()) {
						to.write(buffer);
					}
					buffer.clear();
				}
			}
			catch (IOException ex) {
				// one side went away
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "engine-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() throws IOException {
		down();
	}

}
