package io.envstream.cli;

import picocli.CommandLine.Option;

/** {@code --color}: colours on a terminal only (auto), always, or never; {@code NO_COLOR} and {@code TERM=dumb} mean never for auto. */
public final class ColorOption {

	public enum When {

		auto, always, never

	}

	@Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", description = "auto (default: on a terminal), always or never.")
	When when = When.auto;

	public boolean enabled(Io io) {
		return switch (this.when) {
			case always -> true;
			case never -> false;
			case auto -> io.console().stdoutIsTerminal() && io.variable("NO_COLOR") == null
					&& !"dumb".equals(io.variable("TERM"));
		};
	}

}
