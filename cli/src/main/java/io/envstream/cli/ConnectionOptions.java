package io.envstream.cli;

import picocli.CommandLine.Option;

/** The options of every command that talks to a gateway. */
public final class ConnectionOptions {

	@Option(names = "--context", paramLabel = "NAME",
			description = "The context to use instead of the current one (envstream config get-contexts).")
	String context;

	public Target target(Io io) {
		return Target.resolve(io, this.context);
	}

}
