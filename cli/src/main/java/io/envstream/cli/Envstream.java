package io.envstream.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.envstream.cli.logs.LogsCommand;
import io.envstream.cli.terminal.AttachCommand;
import io.envstream.cli.terminal.ExecCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code envstream} command: picocli subcommands over the gateway's REST and WebSocket API. No Spring on this
 * path, so a command starts in a fraction of a second.
 */
@Command(name = "envstream", mixinStandardHelpOptions = true, versionProvider = Envstream.Version.class,
		description = "Logs, status and terminals of envstream environments, from the command line.",
		subcommands = { LoginCommand.class, ConfigCommand.class, LsCommand.class, LogsCommand.class,
				StatusCommand.class, ExecCommand.class, AttachCommand.class, CompletionCommand.class },
		footer = { "", "Lines go to stdout, messages to stderr. Exit status: 0 ok, 1 failure, 3 not signed in "
				+ "(4401), 4 no access (4403), 5 not found (4404), 6 over a limit after the retries (4429), "
				+ "64 bad arguments." })
public final class Envstream {

	public static void main(String[] args) {
		Io io = Io.system();
		int code = commandLine(io).execute(args);
		io.out().flush();
		System.exit(code);
	}

	/**
	 * The command line with every subcommand and {@code more} (the standalone jar's {@code token} and {@code run}),
	 * its output on {@code io}.
	 */
	public static CommandLine commandLine(Io io, CommandLine... more) {
		CommandLine commandLine = new CommandLine(new Envstream(), new Factory(io));
		for (CommandLine subcommand : more) {
			commandLine.addSubcommand(subcommand);
		}
		// after the subcommands are in: these settings reach every one of them
		commandLine.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8))
			.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8))
			.setParameterExceptionHandler((ex, args) -> {
				CommandLine line = ex.getCommandLine();
				line.getErr().println("envstream " + line.getCommandName() + ": " + ex.getMessage());
				line.getErr().println("(envstream " + qualifiedName(line) + " --help shows the usage)");
				return Exit.USAGE;
			})
			.setExecutionExceptionHandler((ex, line, parsed) -> {
				io.out().flush();
				if (ex instanceof CliException failure) {
					io.err().println("envstream " + line.getCommandName() + ": " + failure.getMessage());
					return failure.exitCode();
				}
				io.err().println("envstream " + line.getCommandName() + ": " + ex);
				return Exit.FAILURE;
			});
		return commandLine;
	}

	private static String qualifiedName(CommandLine line) {
		return (line.getParent() == null) ? "" : (qualifiedName(line.getParent()) + " " + line.getCommandName()).strip();
	}

	/** Builds each command with the {@link Io} when it takes one. */
	private record Factory(Io io) implements CommandLine.IFactory {

		@Override
		public <K> K create(Class<K> type) throws Exception {
			try {
				return type.getDeclaredConstructor(Io.class).newInstance(this.io);
			}
			catch (NoSuchMethodException ex) {
				return CommandLine.defaultFactory().create(type);
			}
		}

	}

	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = Envstream.class.getPackage().getImplementationVersion();
			return new String[] { "envstream " + ((version != null) ? version : "(development build)") };
		}

	}

}
