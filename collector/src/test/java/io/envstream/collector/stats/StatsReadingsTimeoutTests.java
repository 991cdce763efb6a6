package io.envstream.collector.stats;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A reading the engine never answers: what a container whose runtime shim hangs, or a connection to a remote engine
 * that died without a word, looks like from the collector. The real engine cannot be made to hang on cue, so a socket
 * on 127.0.0.1 takes the request and says nothing.
 */
class StatsReadingsTimeoutTests {

	private ServerSocket silentEngine;

	private final List<Socket> heldConnections = new ArrayList<>();

	private final AtomicInteger requestsHeard = new AtomicInteger();

	@BeforeEach
	void listen() throws IOException {
		this.silentEngine = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::holdEveryConnection, "silent-engine");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterEach
	void close() throws IOException {
		this.silentEngine.close();
		synchronized (this.heldConnections) {
			for (Socket connection : this.heldConnections) {
				connection.close();
			}
		}
	}

	@Test
	void aReadingTheEngineNeverAnswersFailsOnceItsTimeIsUp() throws IOException {
		// given readings that must come within half a second, from an engine that takes requests and never answers
		try (StatsReadings readings = StatsReadings.connect(DefaultDockerClientConfig.createDefaultConfigBuilder()
			.withDockerHost("tcp://127.0.0.1:" + this.silentEngine.getLocalPort())
			.build(), Duration.ofMillis(500))) {

			// then a reading fails (the sampling thread goes on to the next container) rather than waiting for good,
			// and so does the next one
			assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
				assertThatExceptionOfType(IOException.class).isThrownBy(() -> readings.read("stuck"));
				assertThatExceptionOfType(IOException.class).isThrownBy(() -> readings.read("stuck"));
			});
			assertThat(this.requestsHeard).as("the engine was asked, it did not refuse the connection").hasValue(2);
		}
	}

	private void holdEveryConnection() {
		while (!this.silentEngine.isClosed()) {
			try {
				Socket connection = this.silentEngine.accept();
				synchronized (this.heldConnections) {
					this.heldConnections.add(connection);
				}
				InputStream request = connection.getInputStream();
				if (request.read() != -1) {
					this.requestsHeard.incrementAndGet();
				}
			}
			catch (IOException ex) {
				// closed by the test, or the client gave the connection up
			}
		}
	}

}
