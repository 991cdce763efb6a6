package io.envstream.standalone;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.envstream.cli.Envstream;
import io.envstream.cli.Io;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The standalone jar as the {@code envstream} command line: the CLI's commands, plus {@code token} (a token of this
 * standalone's key, see {@link TokenCommand}) and {@code run} (standalone itself).
 */
final class CommandLineEntry {

	/** What {@link #execute} returns while standalone runs: the JVM must not exit. */
	static final int RUNNING = -1;

	private CommandLineEntry() {
	}

	/** No arguments, or only Spring settings ({@code --name=value}, as before the command line): standalone. */
	static boolean runsStandalone(String[] args) {
		return args.length == 0 || (args[0].startsWith("--") && args[0].contains("=") && args[0].contains("."));
	}

	/** @return the exit status, or {@link #RUNNING} when {@code run} started standalone */
	static int execute(Io io, String[] args) {
		CommandLine token = new CommandLine(new Token(io)).setUnmatchedOptionsArePositionalParams(true);
		CommandLine run = new CommandLine(new Run()).setUnmatchedOptionsArePositionalParams(true);
		int code = Envstream.commandLine(io, token, run).execute(args);
		io.out().flush();
		return code;
	}

	@Command(name = TokenCommand.NAME, mixinStandardHelpOptions = true,
			description = { "Print a token of this standalone (its key in <data-dir>/jwt/, made if missing), on stdout alone.",
					"--admin: the admin scope (every environment); --team T: the team claim; --ttl D: its lifetime (default 8h: 30m, 8h, 7d);",
					"--envstream.standalone.data-dir=DIR: another standalone's key. Exit status 64 for bad arguments." })
	static final class Token implements Callable<Integer> {

		private final Io io;

		@Parameters(paramLabel = "ARG", arity = "0..*", description = "<user> [--admin] [--team T] [--ttl 8h]")
		List<String> arguments = new ArrayList<>();

		Token(Io io) {
			this.io = io;
		}

		@Override
		public Integer call() {
			return TokenCommand.run(this.arguments.toArray(String[]::new), this.io.out(), this.io.err());
		}

	}

	@Command(name = "run", mixinStandardHelpOptions = true,
			description = { "Run standalone: a KRaft broker, PostgreSQL and the apps in this JVM (also with no arguments).",
					"Settings as --name=value, e.g. --envstream.standalone.gateway-port=9080." })
	static final class Run implements Callable<Integer> {

		@Parameters(paramLabel = "SETTING", arity = "0..*", description = "--name=value settings.")
		List<String> settings = new ArrayList<>();

		@Override
		public Integer call() {
			StandaloneApplication.application().run(this.settings.toArray(String[]::new));
			return RUNNING;
		}

	}

}
