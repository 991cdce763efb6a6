package io.envstream.collector.terminal;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The terminal agent's URL that this host's descriptors carry, so the gateways know where to
 * dial: {@code envstream.collector.agent-url} when set (a name behind NAT or a proxy), else the
 * address the agent listens on ({@code server.address}), its port, and {@code wss} when the server
 * has TLS. Read once the web server listens, so a random port ({@code server.port=0}) is known.
 */
public final class AgentUrl {

	private AgentUrl() {
	}

	/**
	 * @param configured {@code envstream.collector.agent-url}, or empty
	 * @param terminals whether this agent serves terminals (it has a key)
	 * @return the URL, or {@code null} when none is configured and terminals are off
	 * @throws IllegalStateException when the agent listens on every interface and no URL is configured
	 */
	public static String advertised(String configured, boolean terminals, Environment environment) {
		if (StringUtils.hasText(configured)) {
			return configured.trim();
		}
		if (!terminals) {
			return null;
		}
		String address = environment.getProperty("server.address", "");
		if (address.isBlank() || address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]")) {
			throw new IllegalStateException("envstream.collector.agent-url is not set and the agent listens on every"
					+ " interface (server.address '" + address + "'): set one of them to an address the gateways reach");
		}
		String host = (address.contains(":") && !address.startsWith("[")) ? "[" + address + "]" : address;
		String port = environment.getRequiredProperty("local.server.port");
		return (tls(environment) ? "wss" : "ws") + "://" + host + ":" + port + TerminalWebSocketHandler.PATH;
	}

	private static boolean tls(Environment environment) {
		if ("false".equalsIgnoreCase(environment.getProperty("server.ssl.enabled", ""))) {
			return false;
		}
		return StringUtils.hasText(environment.getProperty("server.ssl.bundle"))
				|| StringUtils.hasText(environment.getProperty("server.ssl.key-store"))
				|| StringUtils.hasText(environment.getProperty("server.ssl.certificate"));
	}

}
