package io.envstream.gateway.terminal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.envstream.collector.CollectorApplication;
import io.envstream.testsupport.kafka.KafkaFixture;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real collector agent (the collector app as its {@code main} starts it) against the shared
 * broker and the real engine, serving terminals with {@link #SECRET} on a port of its own.
 */
public final class RunningAgent implements AutoCloseable {

	/** The secret the agent and the gateways under test share. */
	public static final String SECRET = "gateway-terminal-test-secret-0123456789";

	private final ConfigurableApplicationContext context;

	private final String hostId;

	private final String url;

	private RunningAgent(ConfigurableApplicationContext context, String hostId, String url) {
		this.context = context;
		this.hostId = hostId;
		this.url = url;
	}

	public static RunningAgent start(String... extra) {
		int port = freePort();
		String hostId = "terminal-host-" + UUID.randomUUID().toString().substring(0, 8);
		String url = "ws://localhost:" + port + "/internal/terminal";
		List<String> args = new ArrayList<>(List.of("--server.port=" + port,
				"--spring.kafka.bootstrap-servers=" + KafkaFixture.shared().bootstrapServers(),
				"--envstream.collector.host-id=" + hostId, "--envstream.collector.kafka.partitions=3",
				"--envstream.collector.agent-url=" + url, "--envstream.collector.terminal.secret=" + SECRET,
				"--spring.main.banner-mode=off"));
		args.addAll(List.of(extra));
		return new RunningAgent(CollectorApplication.application().run(args.toArray(String[]::new)), hostId, url);
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
		this.context.close();
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
