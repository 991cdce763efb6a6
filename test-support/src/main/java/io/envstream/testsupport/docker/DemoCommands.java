package io.envstream.testsupport.docker;

import java.util.Set;
import java.util.stream.Stream;

/** Lets callers write {@code "lines", "-n", "5"} or {@code "demo", "lines", "-n", "5"} alike. */
final class DemoCommands {

	private static final Set<String> SUB_COMMANDS = Set.of("idle", "lines", "burn", "exit");

	private DemoCommands() {
	}

	static String[] expand(String... command) {
		if (command.length > 0 && SUB_COMMANDS.contains(command[0])) {
			return Stream.concat(Stream.of("demo"), Stream.of(command)).toArray(String[]::new);
		}
		return command.clone();
	}

}
