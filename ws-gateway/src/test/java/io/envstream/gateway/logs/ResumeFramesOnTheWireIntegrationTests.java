package io.envstream.gateway.logs;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.envstream.gateway.Environments;
import io.envstream.gateway.Environments.Written;
import io.envstream.gateway.GatewayInstance;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bytes a resuming client gets, read off the socket by a client of a few lines rather than a
 * WebSocket library: every frame well formed (no reserved bit, a known opcode, a text that is valid
 * UTF-8) up to {@code live}, when clients resume at once and their first frames come in the same read
 * as the {@code 101} response (each client reads only once its socket holds more than the response). Under 1,000 such
 * resumes the JDK's WebSocket client failed a few connections on frames it could not parse
 * ({@code Unexpected rsv2 bit}, {@code Invalid UTF-8 in frame TEXT}) while this client, at that scale,
 * read all of them well formed.
 */
class ResumeFramesOnTheWireIntegrationTests {

	private static final int CLIENTS = 40;

	/** Bytes: the gateway's 101 response is a few hundred. */
	private static final int MORE_THAN_A_RESPONSE = 4096;

	@Test
	void clientsResumingAtOnceGetWellFormedFramesEvenWithTheHandshakeResponse() throws Exception {
		try (GatewayInstance gateway = GatewayInstance.start("--envstream.gateway.max-connections-per-environment=100",
				"--envstream.gateway.connect-rate-burst=1000", "--envstream.gateway.limits.address-connect-burst=1000");
				Environments environments = new Environments()) {
			String env = Environments.newId("probe");
			environments.create(env, "probe", null);
			Written backlog = environments.write(env, Stream.STDOUT, 100, 100);
			for (int i = 1; i < 10; i++) {
				environments.write(env, Stream.STDOUT, 100, 100);
			}
			URI url = URI.create(gateway.logsUrl(env, "resume="
					+ CursorCodec.encode(new Cursor(backlog.partition(), backlog.offset(), 0)) + "&token=" + JWT.token("probe")));
			ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
			ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
			AtomicInteger live = new AtomicInteger();
			AtomicInteger bundled = new AtomicInteger();
			List<Future<?>> all = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				all.add(pool.submit(() -> {
					try {
						probe(url, live, bundled);
					}
					catch (Exception ex) {
						bad.add(ex.toString());
					}
				}));
			}
			for (Future<?> f : all) {
				f.get(5, TimeUnit.MINUTES);
			}
			pool.shutdown();
			assertThat(bad).as("clients that got a malformed frame or no live").isEmpty();
			assertThat(live).hasValue(CLIENTS);
			assertThat(bundled).as("clients whose first frames came in the read of the 101 response").hasValue(CLIENTS);
		}
	}

	/** Connects, resumes, and reads frame by frame until {@code live}; throws on anything malformed. */
	private static void probe(URI url, AtomicInteger live, AtomicInteger bundled) throws Exception {
		try (Socket socket = new Socket(url.getHost(), url.getPort())) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			String key = Base64.getEncoder().encodeToString(new byte[16]);
			out.write(("GET " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: " + url.getHost() + ":"
					+ url.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
					+ "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// reads nothing until the socket holds more than any handshake response, so frames wait behind it:
			// the first read gets both
			InputStream unread = socket.getInputStream();
			await().atMost(Duration.ofSeconds(30)).until(() -> unread.available() > MORE_THAN_A_RESPONSE);
			InputStream raw = new BufferedInputStream(unread, 65536);
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				int b = raw.read();
				if (b < 0) {
					throw new IllegalStateException("closed during handshake: " + head);
				}
				head.append((char) b);
			}
			if (!head.toString().startsWith("HTTP/1.1 101")) {
				throw new IllegalStateException("no upgrade: " + head);
			}
			if (raw.available() > 0) {
				bundled.incrementAndGet();
			}
			DataInputStream in = new DataInputStream(raw);
			while (true) {
				int b0 = in.readUnsignedByte();
				int b1 = in.readUnsignedByte();
				if ((b0 & 0x70) != 0) {
					throw new IllegalStateException("rsv bits set: " + Integer.toHexString(b0));
				}
				int opcode = b0 & 0x0f;
				long length = b1 & 0x7f;
				if (length == 126) {
					length = in.readUnsignedShort();
				}
				else if (length == 127) {
					length = in.readLong();
				}
				byte[] payload = new byte[(int) length];
				in.readFully(payload);
				if (opcode == 8) {
					throw new IllegalStateException("closed: " + new String(payload, StandardCharsets.UTF_8));
				}
				if (opcode == 1) {
					String text = StandardCharsets.UTF_8.newDecoder()
						.onMalformedInput(CodingErrorAction.REPORT)
						.decode(ByteBuffer.wrap(payload))
						.toString();
					if (text.contains("\"type\":\"live\"")) {
						live.incrementAndGet();
						return;
					}
				}
				else if (opcode != 9 && opcode != 0xA) {
					throw new IllegalStateException("opcode " + opcode + ", fin " + (b0 >> 7));
				}
			}
		}
	}

}
