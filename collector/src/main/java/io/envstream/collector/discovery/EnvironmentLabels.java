package io.envstream.collector.discovery;

/** The labels that make a container part of an environment. */
public final class EnvironmentLabels {

	/** The environment a container belongs to: {@code envstream.environment=<id>}. */
	public static final String ENVIRONMENT = "envstream.environment";

	public static final String OWNER = "envstream.owner";

	public static final String TEAM = "envstream.team";

	private EnvironmentLabels() {
	}

}
