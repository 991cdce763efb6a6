package io.envstream.cli.terminal;

import java.util.concurrent.Callable;

import io.envstream.cli.CliException;
import io.envstream.cli.ConnectionOptions;
import io.envstream.cli.Exit;
import io.envstream.cli.Gateway;
import io.envstream.cli.Io;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attach ENV/SESSION}: back to a detached terminal, its output while detached replayed first. */
@Command(name = "attach", mixinStandardHelpOptions = true,
		description = "Reattach to a detached terminal session, as exec printed it when detaching.")
public final class AttachCommand implements Callable<Integer> {

	private final Io io;

	@Mixin
	ConnectionOptions connection;

	@Parameters(paramLabel = "ENV/SESSION", description = "The environment and the session, e.g. web/a1b2c3.")
	String target;

	@Option(names = "--detach-keys", paramLabel = "KEYS", defaultValue = DetachKeys.DEFAULT,
			description = "The keys that detach (default ${DEFAULT-VALUE}).")
	String detachKeys;

	public AttachCommand(Io io) {
		this.io = io;
	}

	@Override
	public Integer call() throws Exception {
		int slash = this.target.lastIndexOf('/');
		if (slash <= 0 || slash == this.target.length() - 1) {
			throw new CliException(Exit.USAGE, "give ENV/SESSION, as exec printed it when detaching, not " + this.target);
		}
		return new TerminalSession(this.io, new Gateway(this.connection.target(this.io)), this.target.substring(0, slash),
				null, this.target.substring(slash + 1), DetachKeys.parse(this.detachKeys))
			.run();
	}

}
