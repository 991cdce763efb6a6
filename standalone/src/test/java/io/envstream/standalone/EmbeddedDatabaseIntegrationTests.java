package io.envstream.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.util.LinuxUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class EmbeddedDatabaseIntegrationTests {

	@Test
	void stopsThePostgresAKilledStandaloneLeftOnItsDataDirectoryThenStartsDurableOnLoopback(@TempDir Path dataDir)
			throws Exception {
		// given a PostgreSQL of this data directory that no standalone owns any more, as after kill -9: started
		// by the pg_ctl that zonky uses, as zonky starts it (a daemon of its own; as root, in a user namespace)
		int port = freePort();
		Path pgCtl;
		try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, port)) {
			pgCtl = Path.of(ProcessHandle.of(postmasterPid(dataDir)).orElseThrow().info().command().orElseThrow())
				.resolveSibling("pg_ctl");
		}
		List<String> command = new ArrayList<>(LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of());
		command.addAll(List.of(pgCtl.toString(), "-D", dataDir.toString(), "-o",
				"-p " + port + " -c listen_addresses=127.0.0.1", "-w", "start"));
		Process start = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(start.waitFor(60, TimeUnit.SECONDS) && start.exitValue() == 0).as("pg_ctl start").isTrue();
		ProcessHandle orphan = ProcessHandle.of(postmasterPid(dataDir)).orElseThrow();
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> answers(port));

			// when standalone starts on it again
			try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir, port)) {

				// then the orphan was stopped, and the new server keeps every commit across an OS crash
				assertThat(orphan.isAlive()).isFalse();
				assertThat(postmasterPid(dataDir)).isNotEqualTo(orphan.pid());
				assertThat(second.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:" + port + "/");
				try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), EmbeddedDatabase.NAME, "");
						Statement statement = connection.createStatement()) {
					for (String setting : List.of("synchronous_commit", "fsync", "full_page_writes")) {
						assertThat(show(statement, setting)).as(setting).isEqualTo("on");
					}
					assertThat(show(statement, "listen_addresses")).isEqualTo("127.0.0.1");
				}
			}
		}
		finally {
			orphan.destroyForcibly();
		}
	}

	@Test
	void keepsTheClearErrorForAPortAnUnrelatedProcessHolds(@TempDir Path dataDir) throws Exception {
		try (ServerSocket unrelated = new ServerSocket()) {
			unrelated.bind(new InetSocketAddress(0));
			int port = unrelated.getLocalPort();
			// a pid file naming a live process that is not PostgreSQL (this JVM): nothing of ours to stop
			Files.write(dataDir.resolve(OrphanedPostmaster.PID_FILE),
					List.of(Long.toString(ProcessHandle.current().pid()), dataDir.toString(), "0", Integer.toString(port)));

			assertThatIllegalStateException().isThrownBy(() -> EmbeddedDatabase.start(dataDir, port))
				.withMessageContaining("port " + port + " is taken by another process")
				.withMessageContaining("envstream.standalone.postgres-port");
			assertThat(unrelated.isBound()).isTrue();
		}
	}

	private static long postmasterPid(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve(OrphanedPostmaster.PID_FILE);
		return Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).strip()) : -1;
	}

	private static boolean answers(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String show(Statement statement, String setting) throws SQLException {
		try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
