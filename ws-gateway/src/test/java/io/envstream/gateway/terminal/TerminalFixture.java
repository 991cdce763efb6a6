package io.envstream.gateway.terminal;

import java.util.ArrayList;
import java.util.List;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;

/**
 * What a terminal test runs against: the real collector as a terminal agent, a gateway holding the
 * agents' master secret, and the environments of both, with demo containers served by that agent.
 */
public final class TerminalFixture implements AutoCloseable {

	private final RunningAgent agent;

	private final GatewayInstance gateway;

	private final Environments environments;

	private TerminalFixture(RunningAgent agent, List<String> gatewayArguments) {
		this.agent = agent;
		List<String> args = new ArrayList<>(List.of("--envstream.gateway.terminal.agent-secret=" + RunningAgent.SECRET));
		args.addAll(gatewayArguments);
		this.gateway = GatewayInstance.start(args.toArray(String[]::new));
		this.environments = new Environments();
	}

	/**
	 * @param agentArguments more {@code --name=value} arguments of the agent
	 * @param gatewayArguments more {@code --name=value} arguments of the gateway
	 */
	public static TerminalFixture start(List<String> agentArguments, String... gatewayArguments) {
		return new TerminalFixture(RunningAgent.start(agentArguments.toArray(String[]::new)), List.of(gatewayArguments));
	}

	/** An agent serving {@code wss} with the certificate, and a gateway trusting it. */
	static TerminalFixture startWithTls(ThrowawayCertificate certificate) {
		return new TerminalFixture(RunningAgent.startWithTls(certificate), certificate.gatewayArguments());
	}

	public RunningAgent agent() {
		return this.agent;
	}

	public GatewayInstance gateway() {
		return this.gateway;
	}

	public Environments environments() {
		return this.environments;
	}

	/** A demo container running as the environment {@code environment} of {@code owner}, served by this agent. */
	public DemoContainer startEnvironment(String environment, String owner) {
		DemoContainer container = DockerFixture.shared().startDemo(environment);
		this.environments.createWithAgent(environment, owner, container.id(), this.agent.hostId(), this.agent.url());
		return container;
	}

	@Override
	public void close() {
		this.environments.close();
		this.gateway.close();
		this.agent.close();
	}

}
