package io.envstream.cli.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.envstream.cli.ConnectionOptions;
import io.envstream.cli.Gateway;
import io.envstream.cli.Io;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exec ENV [-- CMD]}: a terminal in the environment's container, its exit code as this command's. */
@Command(name = "exec", mixinStandardHelpOptions = true,
		description = { "Open a terminal in an environment (a shell, or CMD from the agent's allow-list).",
				"Raw mode on a terminal; piped input works without it. Exits with the command's exit code.",
				"The detach keys (default ctrl-p,ctrl-q) leave it running: envstream attach ENV/SESSION comes back." })
public final class ExecCommand implements Callable<Integer> {

	private final Io io;

	@Mixin
	ConnectionOptions connection;

	@Parameters(index = "0", paramLabel = "ENV", description = "The environment id.")
	String environment;

	@Parameters(index = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
	List<String> command = new ArrayList<>();

	@Option(names = "--detach-keys", paramLabel = "KEYS", defaultValue = DetachKeys.DEFAULT,
			description = "The keys that detach (default ${DEFAULT-VALUE}), e.g. ctrl-a,d.")
	String detachKeys;

	public ExecCommand(Io io) {
		this.io = io;
	}

	@Override
	public Integer call() throws Exception {
		DetachKeys keys = DetachKeys.parse(this.detachKeys);
		String cmd = this.command.isEmpty() ? null : String.join(" ", this.command);
		return new TerminalSession(this.io, new Gateway(this.connection.target(this.io)), this.environment, cmd, null, keys)
			.run();
	}

}
