package io.envstream.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextsTests {

	@TempDir
	Path home;

	@Test
	void keepsContextsInAFileOnlyItsOwnerReads() throws Exception {
		Io io = io(Map.of("HOME", this.home.toString()));
		Contexts.load(io).put("prod", new Contexts.Context("https://prod.example", "t1", null)).save();
		Contexts.load(io).put("local", new Contexts.Context("http://127.0.0.1:8080", null, "/tmp/token")).save();

		Path file = this.home.resolve(".config/envstream/config");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
		Contexts read = Contexts.load(io);
		assertThat(read.current()).isEqualTo("local");
		assertThat(read.all()).containsOnlyKeys("prod", "local");
		read.use("prod").save();
		assertThat(Contexts.load(io).current()).isEqualTo("prod");
	}

	@Test
	void environmentVariablesWinOverTheCurrentContext() {
		Io saved = io(Map.of("HOME", this.home.toString()));
		Contexts.load(saved).put("prod", new Contexts.Context("https://prod.example", "stored", null)).save();

		Target target = Target.resolve(io(Map.of("HOME", this.home.toString(), "ENVSTREAM_TOKEN", "from-env")), null);

		assertThat(target.url()).hasToString("https://prod.example");
		assertThat(target.token()).isEqualTo("from-env");
		assertThat(target.socket("/api/v1/ws/environments/web/logs", "tail=5"))
			.hasToString("wss://prod.example/api/v1/ws/environments/web/logs?tail=5");
	}

	@Test
	void aTokenFileIsReadAtEachUse() throws Exception {
		Path token = this.home.resolve("token");
		Files.writeString(token, "first\n");
		Io io = io(Map.of("HOME", this.home.toString()));
		Contexts.load(io).put("local", new Contexts.Context("http://127.0.0.1:8080", null, token.toString())).save();
		Target target = Target.resolve(io, null);

		assertThat(target.token()).isEqualTo("first");
		Files.writeString(token, "renewed");
		assertThat(target.token()).isEqualTo("renewed");
	}

	@Test
	void namesWhatIsMissing() {
		Io io = io(Map.of("HOME", this.home.toString()));
		assertThatThrownBy(() -> Target.resolve(io, null)).hasMessageContaining("envstream login --url URL");
		assertThatThrownBy(() -> Target.resolve(io, "staging")).hasMessageContaining("no context named staging");
		assertThatThrownBy(() -> Target.url("ftp://x")).hasMessageContaining("not a gateway URL");
	}

	@Test
	void refusesADamagedFileWithoutOverwritingIt() throws Exception {
		Path file = this.home.resolve("config");
		Files.writeString(file, "{not json");
		Io io = io(Map.of("HOME", this.home.toString(), "ENVSTREAM_CONFIG", file.toString()));

		assertThatThrownBy(() -> Contexts.load(io)).hasMessageContaining("is not a valid envstream config");
		assertThat(Files.readString(file)).isEqualTo("{not json");
	}

	private static Io io(Map<String, String> env) {
		PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		return new Io(sink, sink, InputStream.nullInputStream(), new TestConsole(null), env);
	}

}
