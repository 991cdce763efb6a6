package io.envstream.cli;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shell completion from picocli's {@link AutoComplete}: one script serves bash, and zsh through bashcompinit. */
@Command(name = "completion", mixinStandardHelpOptions = true,
		description = { "Print a completion script for bash or zsh.",
				"bash: source <(envstream completion bash)",
				"zsh:  source <(envstream completion zsh)" })
final class CompletionCommand implements Callable<Integer> {

	enum Shell {

		bash, zsh

	}

	private final Io io;

	@Spec
	CommandSpec spec;

	@Parameters(paramLabel = "SHELL", description = "bash or zsh.")
	Shell shell;

	CompletionCommand(Io io) {
		this.io = io;
	}

	@Override
	public Integer call() {
		String script = AutoComplete.bash("envstream", this.spec.root().commandLine());
		if (this.shell == Shell.zsh) {
			// picocli's script runs under zsh once bash completion is emulated
			this.io.out().println("autoload -U +X compinit && compinit");
			this.io.out().println("autoload -U +X bashcompinit && bashcompinit");
		}
		this.io.out().print(script);
		this.io.out().flush();
		return Exit.OK;
	}

}
