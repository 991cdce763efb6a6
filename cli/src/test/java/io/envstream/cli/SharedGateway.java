package io.envstream.cli;

import java.util.List;

import io.envstream.gateway.terminal.TerminalFixture;

/**
 * The gateway every integration test of this module talks to, with the real collector beside it as the terminal
 * agent (which also publishes the states and samples of the containers it serves): started on first use, once per
 * test JVM as the {@code test-support} fixtures are, and closed when the JVM exits. Starting a gateway is most of an
 * integration test's cost; tests keep to environments of their own, so sharing one changes nothing they check.
 */
public final class SharedGateway {

	private static TerminalFixture shared; // guarded by SharedGateway.class

	private SharedGateway() {
	}

	public static synchronized TerminalFixture shared() {
		if (shared == null) {
			shared = TerminalFixture.start(List.of());
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "envstream-cli-gateway-shutdown"));
		}
		return shared;
	}

}
