package io.envstream.gateway.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.envstream.gateway.CollectorInstance;
import io.envstream.schemas.terminal.AgentTokens;

/**
 * The real collector as a terminal agent on a port of its own, which its agent URL names, holding
 * only its own host's key, derived from the gateways' {@link #SECRET}.
 */
public final class RunningAgent implements AutoCloseable {

	/** The master secret of the gateways under test. */
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
		return start("ws", List.of(extra));
	}

	/** An agent serving {@code wss} with the certificate. */
	static RunningAgent startWithTls(ThrowawayCertificate certificate) {
		return start("wss", certificate.agentArguments());
	}

	private static RunningAgent start(String scheme, List<String> extra) {
		int port = freePort();
		String hostId = "terminal-host-" + UUID.randomUUID().toString().substring(0, 8);
		String url = scheme + "://localhost:" + port + "/internal/terminal";
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--envstream.collector.host-id=" + hostId,
				"--envstream.collector.agent-url=" + url,
				"--envstream.collector.terminal.key=" + AgentTokens.hostKey(SECRET, hostId)));
		args.addAll(extra);
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
