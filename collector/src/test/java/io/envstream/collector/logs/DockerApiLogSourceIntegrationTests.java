package io.envstream.collector.logs;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.envstream.testsupport.docker.DemoContainer;
import io.envstream.testsupport.docker.DockerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's API as a log source, against the real engine. */
class DockerApiLogSourceIntegrationTests {

	private static final DockerFixture docker = DockerFixture.shared();

	private static DockerHttpClient http;

	@BeforeAll
	static void connect() {
		http = new ApacheDockerHttpClient.Builder().dockerHost(URI.create(docker.host())).build();
	}

	@AfterAll
	static void disconnect() throws IOException {
		http.close();
	}

	@Test
	void readsAStoppedContainersLogAgainOnlyOnceItRanAndWroteAfterTheLastRecordRead() throws IOException {
		DockerApiLogSource source = new DockerApiLogSource(http);
		try (DemoContainer container = docker.startDemo("api-source-" + UUID.randomUUID())) {
			// given a stopped container's log read to its end
			container.writeStdout("a");
			container.writeStderr("b");
			container.stop();
			List<LogRecord> first = readAll(source.open(container.id(), false, ReadPosition.START, null, false));
			assertThat(first).extracting(DockerApiLogSourceIntegrationTests::text).containsExactly("a", "b");
			ReadPosition read = ReadPosition.START;
			for (LogRecord record : first) {
				read = read.next(record.timestampNanos());
			}

			// when it is read again from that record's second while it is stopped, then nothing is read again
			assertThat(readAll(source.open(container.id(), false, read, null, false))).isEmpty();

			// and once it ran again and wrote, the read returns that second's records on, as a read from the start would
			docker.client().startContainerCmd(container.id()).exec();
			container.writeStdout("c");
			container.stop();
			List<String> again = readAll(source.open(container.id(), false, read, null, false)).stream()
				.map(DockerApiLogSourceIntegrationTests::text)
				.toList();
			assertThat(again).endsWith("c").isSubsetOf("a", "b", "c");
		}
	}

	private static List<LogRecord> readAll(LogReader reader) throws IOException {
		try (reader) {
			List<LogRecord> records = new ArrayList<>();
			for (LogRecord record = reader.next(); record != null; record = reader.next()) {
				records.add(record);
			}
			return records;
		}
	}

	private static String text(LogRecord record) {
		return new String(record.content(), StandardCharsets.UTF_8);
	}

}
