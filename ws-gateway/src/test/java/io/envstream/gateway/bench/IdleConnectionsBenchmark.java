package io.envstream.gateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.SilentWebSocket;
import io.envstream.testsupport.bench.BenchmarkResults;
import io.envstream.testsupport.bench.Metric;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;

/**
 * Memory per idle logs connection: heap (after GC) and RSS growth of the JVM while 2000 clients
 * hold live connections to one environment each, against the same number of plain TCP socket
 * pairs in the same JVM. Client and server share the JVM, so both figures include the client side.
 */
class IdleConnectionsBenchmark {

	private static final int CONNECTIONS = 2000;

	@Test
	void memoryPerIdleConnection() throws Exception {
		Measurement raw = measure(this::openRawPairs);
		try (GatewayInstance gateway = GatewayInstance.start("--envstream.gateway.connect-rate-burst=100000",
				"--envstream.gateway.max-connections-per-user=100000",
				"--envstream.gateway.max-connections-per-environment=100000", "--envstream.gateway.heartbeat-timeout=30m",
				"--envstream.gateway.heartbeat-interval=10m", "--logging.level.root=warn");
				Environments environments = new Environments()) {
			String environment = Environments.newId("bench-idle");
			environments.create(environment, "bench", null);
			String token = JWT.token("bench");
			Measurement connections = measure(() -> {
				List<AutoCloseable> clients = new ArrayList<>();
				for (int i = 0; i < CONNECTIONS; i++) {
					clients.add(new SilentWebSocket(gateway.logsUrl(environment, "tail=0&token=" + token)));
				}
				return clients;
			});
			BenchmarkResults.ofRepository().record("gateway-idle-connections", List.of(
					Metric.against("heap per idle logs connection, 2000 connections (goal <= 32 KiB)",
							connections.heap() / CONNECTIONS, "bytes", "heap per plain TCP socket pair",
							raw.heap() / CONNECTIONS),
					Metric.against("RSS per idle logs connection, 2000 connections", connections.rss() / CONNECTIONS,
							"bytes", "RSS per plain TCP socket pair", raw.rss() / CONNECTIONS)),
					List.of("Heap per idle logs connection by class, bytes (class histograms after a full GC, "
							+ "client side included: the client is a plain socket): "
							+ String.join(", ", connections.byClass()),
							"Heap per plain TCP socket pair by class, bytes: " + String.join(", ", raw.byClass())));
		}
	}

	interface Opener {

		List<AutoCloseable> open() throws Exception;

	}

	/** Heap and RSS growth while the connections are held, and the classes the heap went to. */
	record Measurement(double heap, double rss, List<String> byClass) {
	}

	private Measurement measure(Opener opener) throws Exception {
		long heapBefore = heapAfterGc();
		long rssBefore = rss();
		ClassHistogram classesBefore = ClassHistogram.take();
		List<AutoCloseable> held = opener.open();
		long heapAfter = heapAfterGc();
		long rssAfter = rss();
		ClassHistogram classesAfter = ClassHistogram.take();
		for (AutoCloseable closeable : held) {
			closeable.close();
		}
		return new Measurement(heapAfter - heapBefore, rssAfter - rssBefore,
				classesAfter.growthSince(classesBefore, CONNECTIONS, 30));
	}

	private List<AutoCloseable> openRawPairs() throws IOException {
		List<AutoCloseable> sockets = new ArrayList<>();
		ServerSocket server = new ServerSocket(0, CONNECTIONS);
		sockets.add(server);
		for (int i = 0; i < CONNECTIONS; i++) {
			sockets.add(new Socket("localhost", server.getLocalPort()));
			sockets.add(server.accept());
		}
		return sockets;
	}

	private static long heapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long rss() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		return -1;
	}

}
