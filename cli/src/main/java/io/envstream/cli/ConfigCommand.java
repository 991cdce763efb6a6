package io.envstream.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The contexts of the config file, as {@code kubectl config} shows and switches them. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Show and switch the saved contexts.",
		subcommands = { ConfigCommand.GetContexts.class, ConfigCommand.UseContext.class,
				ConfigCommand.CurrentContext.class })
final class ConfigCommand {

	@Command(name = "get-contexts", mixinStandardHelpOptions = true,
			description = "List the contexts; the current one is marked with *.")
	static final class GetContexts implements Callable<Integer> {

		private final Io io;

		GetContexts(Io io) {
			this.io = io;
		}

		@Override
		public Integer call() {
			Contexts contexts = Contexts.load(this.io);
			Table table = new Table("CURRENT", "NAME", "URL", "TOKEN");
			for (Map.Entry<String, Contexts.Context> entry : new java.util.TreeMap<>(contexts.all()).entrySet()) {
				Contexts.Context context = entry.getValue();
				String token = (context.tokenFile() != null) ? "file " + context.tokenFile()
						: (context.token() != null) ? "stored" : "none";
				table.row(entry.getKey().equals(contexts.current()) ? "*" : "", entry.getKey(), context.url(), token);
			}
			table.print(this.io.out());
			return Exit.OK;
		}

	}

	@Command(name = "use-context", mixinStandardHelpOptions = true, description = "Make NAME the current context.")
	static final class UseContext implements Callable<Integer> {

		private final Io io;

		@Parameters(paramLabel = "NAME", description = "A context of get-contexts.")
		String name;

		UseContext(Io io) {
			this.io = io;
		}

		@Override
		public Integer call() {
			Contexts.load(this.io).use(this.name).save();
			this.io.err().println("switched to context " + this.name);
			return Exit.OK;
		}

	}

	@Command(name = "current-context", mixinStandardHelpOptions = true, description = "Print the current context.")
	static final class CurrentContext implements Callable<Integer> {

		private final Io io;

		CurrentContext(Io io) {
			this.io = io;
		}

		@Override
		public Integer call() {
			String current = Contexts.load(this.io).current();
			if (current == null) {
				throw new CliException(Exit.FAILURE, "no current context: envstream login --url URL makes one");
			}
			this.io.out().println(current);
			return Exit.OK;
		}

	}

}
