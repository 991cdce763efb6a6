package io.envstream.gateway.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.envstream.gateway.CollectorInstance;

/**
 * The real collector as a terminal agent: serving terminals with {@link #SECRET} on a port of its
 * own, which its agent URL names.
 */
public final class RunningAgent implements AutoCloseable {

	/** The secret the agent and the gateways under test share. */
	public static final String SECRET = "gateway-terminal-test-secret-0123456789";

	private final CollectorInstance collector;

	private final String hostId;

	private final String url;

	private RunningAgent(CollectorInstance collector, String hostId, String url) {
		this.collector = collector;
		this.hostId = hostId;
		this.url = url;
	}

	/** @param extra more {@code --name=value} arguments of the collector */
	public static RunningAgent start(String... extra) {
		int port = freePort();
		String hostId = "terminal-host-" + UUID.randomUUID().toString().substring(0, 8);
		String url = "ws://localhost:" + port + "/internal/terminal";
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--envstream.collector.host-id=" + hostId,
				"--envstream.collector.agent-url=" + url, "--envstream.collector.terminal.secret=" + SECRET));
		args.addAll(List.of(extra));
		return new RunningAgent(CollectorInstance.start("5s", args.toArray(String[]::new)), hostId, url);
	}

	public String hostId() {
		return this.hostId;
	}

	/** The agent's internal terminal URL, as its descriptors carry it. */
	public String url() {
		return this.url;
	}

	@Override
	public void close() {
		this.collector.close();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
