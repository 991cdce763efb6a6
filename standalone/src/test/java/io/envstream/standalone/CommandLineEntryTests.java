package io.envstream.standalone;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.envstream.cli.Console;
import io.envstream.cli.Io;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineEntryTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path dataDir;

	@Test
	void runsStandaloneWithNoArgumentsOrOnlySettings() {
		assertThat(CommandLineEntry.runsStandalone(new String[0])).isTrue();
		assertThat(CommandLineEntry.runsStandalone(new String[] { "--envstream.standalone.gateway-port=9080" })).isTrue();
		assertThat(CommandLineEntry.runsStandalone(new String[] { "--help" })).isFalse();
		assertThat(CommandLineEntry.runsStandalone(new String[] { "token", "demo" })).isFalse();
		assertThat(CommandLineEntry.runsStandalone(new String[] { "logs", "web", "-f" })).isFalse();
	}

	@Test
	void printsATokenAloneOnStdoutThroughTheCommandLine() {
		int status = CommandLineEntry.execute(io(), new String[] { "token", "demo", "--team", "ops", "--ttl=5m",
				"--envstream.standalone.data-dir=" + this.dataDir });

		assertThat(status).as(this.err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\\R");
		assertThat(this.dataDir.resolve("jwt/private-key.pem")).exists();
	}

	@Test
	void keepsTheTokenCommandsUsageStatus() {
		assertThat(CommandLineEntry.execute(io(), new String[] { "token" })).isEqualTo(64);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("name the user the token is for");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void listsTokenAndRunBesideTheCliCommands() {
		assertThat(CommandLineEntry.execute(io(), new String[] { "--help" })).isZero();

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("token", "run", "logs", "exec", "login");
	}

	private Io io() {
		Console console = new Console() {

			@Override
			public boolean stdoutIsTerminal() {
				return false;
			}

			@Override
			public boolean stdinIsTerminal() {
				return false;
			}

			@Override
			public Optional<Size> size() {
				return Optional.empty();
			}

			@Override
			public AutoCloseable rawMode() {
				throw new IllegalStateException("no terminal");
			}

			@Override
			public void onResize(Runnable action) {
			}

			@Override
			public void onInterrupt(Runnable action) {
			}

		};
		return new Io(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), InputStream.nullInputStream(), console, Map.of());
	}

}
