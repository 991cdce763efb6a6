package io.envstream.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay on a port of 127.0.0.1 that stays while the gateway behind it is replaced: the address a client keeps
 * while one gateway shuts down and another takes over, as a load balancer in front of replicas would be. Bytes pass
 * unchanged; connections already open stay with the gateway they reached.
 */
public final class Relay implements AutoCloseable {

	private final ServerSocket server;

	private volatile int targetPort;

	public Relay(int targetPort) {
		this.targetPort = targetPort;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "relay-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** New connections go to {@code port} from now on. */
	public void target(int port) {
		this.targetPort = port;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream;
				try {
					upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				}
				catch (IOException ex) {
					client.close();
					continue;
				}
				pipe(client, upstream);
				pipe(upstream, client);
			}
			catch (IOException ex) {
				// closed: the loop ends
			}
		}
	}

	private static void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// one side went away: close both below
			}
			finally {
				close(from);
				close(to);
			}
		}, "relay-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
