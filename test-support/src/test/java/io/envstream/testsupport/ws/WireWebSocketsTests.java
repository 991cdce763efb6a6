package io.envstream.testsupport.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link WireWebSockets} against a server of a few lines on a real socket, which writes the bytes of
 * RFC 6455 frames itself: the lengths of all three sizes, a message in fragments, frames arriving with the
 * {@code 101} and split across reads, a ping, a close; and an upgrade refused.
 */
class WireWebSocketsTests {

	private static final String UPGRADED = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
			+ "Connection: Upgrade\r\nSec-WebSocket-Accept: unchecked\r\n\r\n";

	@Test
	void readsMessagesOfEveryLengthWholeAndInFragmentsAnswersAPingAndAClose() throws Exception {
		String short1 = "a".repeat(125);
		String medium = "b".repeat(40_000);
		String large = "c".repeat(200_000);
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				WireWebSockets sockets = new WireWebSockets(1)) {
			Recorder recorder = new Recorder();
			WireWebSockets.Connection connection = sockets.connect(uri(server, "/ws?token=t"), recorder);
			try (Socket accepted = server.accept()) {
				String request = readRequest(accepted.getInputStream());
				assertThat(request).startsWith("GET /ws?token=t HTTP/1.1\r\n").contains("Upgrade: websocket\r\n")
					.contains("Sec-WebSocket-Version: 13\r\n");
				OutputStream out = accepted.getOutputStream();
				// the first message in the same write as the response
				out.write(concat(UPGRADED.getBytes(StandardCharsets.US_ASCII), frame(0x81, short1)));
				out.flush();
				connection.upgraded().get(5, TimeUnit.SECONDS);
				out.write(frame(0x81, medium));
				// more than the client's 64 KiB buffer: this frame always arrives over several reads
				out.write(frame(0x81, large));
				out.write(frame(0x01, "fir"));
				out.write(frame(0x89, "beat"));
				out.write(frame(0x00, "st, "));
				out.write(frame(0x80, "last"));
				out.flush();
				DataInputStream in = new DataInputStream(accepted.getInputStream());
				assertThat(readClientFrame(in)).as("the pong, with the ping's payload").isEqualTo("8a:beat");
				out.write(closeFrame(4404, "no such environment"));
				out.flush();
				assertThat(readClientFrame(in)).as("the close echoed with its code").isEqualTo("88:" + new String(
						new byte[] { (byte) (4404 >> 8), (byte) (4404 & 0xff) }, StandardCharsets.ISO_8859_1));
				recorder.closed.get(5, TimeUnit.SECONDS);
			}
			assertThat(recorder.texts).containsExactly(short1, medium, large, "first, last");
			assertThat(recorder.closed.get()).isEqualTo("4404 no such environment");
			assertThat(recorder.errors).isEmpty();
		}
	}

	@Test
	void aRefusedUpgradeFailsTheConnectionWithTheStatusLine() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				WireWebSockets sockets = new WireWebSockets(1)) {
			WireWebSockets.Connection connection = sockets.connect(uri(server, "/ws"), new Recorder());
			try (Socket accepted = server.accept()) {
				readRequest(accepted.getInputStream());
				accepted.getOutputStream().write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
				assertThatThrownBy(() -> connection.upgraded().get(5, TimeUnit.SECONDS))
					.hasMessageContaining("upgrade refused: HTTP/1.1 401 Unauthorized");
			}
		}
	}

	@Test
	void aRefusedConnectionFailsTheUpgrade() throws Exception {
		URI closed;
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = uri(server, "/ws");
		}
		try (WireWebSockets sockets = new WireWebSockets(1)) {
			WireWebSockets.Connection connection = sockets.connect(closed, new Recorder());
			assertThatThrownBy(() -> connection.upgraded().get(5, TimeUnit.SECONDS))
				.hasCauseInstanceOf(ConnectException.class);
		}
	}

	private static URI uri(ServerSocket server, String pathAndQuery) {
		return URI.create("ws://127.0.0.1:" + server.getLocalPort() + pathAndQuery);
	}

	private static String readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		while (!request.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			assertThat(b).as("the request ended before its headers did").isNotNegative();
			request.write(b);
		}
		return request.toString(StandardCharsets.US_ASCII);
	}

	/** A server frame: unmasked, with the shortest length encoding. */
	private static byte[] frame(int firstByte, String text) {
		return frame(firstByte, text.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] frame(int firstByte, byte[] payload) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(firstByte);
		if (payload.length <= 125) {
			frame.write(payload.length);
		}
		else if (payload.length <= 0xffff) {
			frame.write(126);
			frame.write(payload.length >> 8);
			frame.write(payload.length & 0xff);
		}
		else {
			frame.write(127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >> shift) & 0xff);
			}
		}
		frame.writeBytes(payload);
		return frame.toByteArray();
	}

	private static byte[] closeFrame(int code, String reason) {
		return frame(0x88, concat(new byte[] { (byte) (code >> 8), (byte) (code & 0xff) },
				reason.getBytes(StandardCharsets.UTF_8)));
	}

	/** A client frame, unmasked: "{first byte in hex}:{payload as Latin-1}"; client frames must be masked. */
	private static String readClientFrame(DataInputStream in) throws IOException {
		int first = in.readUnsignedByte();
		int second = in.readUnsignedByte();
		assertThat(second & 0x80).as("a client frame is masked").isEqualTo(0x80);
		byte[] mask = in.readNBytes(4);
		byte[] payload = in.readNBytes(second & 0x7f);
		for (int i = 0; i < payload.length; i++) {
			payload[i] ^= mask[i % 4];
		}
		return Integer.toHexString(first) + ":" + new String(payload, StandardCharsets.ISO_8859_1);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = new byte[a.length + b.length];
		System.arraycopy(a, 0, both, 0, a.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	private static final class Recorder implements WireWebSockets.Listener {

		final List<String> texts = new CopyOnWriteArrayList<>();

		final List<Exception> errors = new CopyOnWriteArrayList<>();

		final CompletableFuture<String> closed = new CompletableFuture<>();

		@Override
		public void onText(String text) {
			this.texts.add(text);
		}

		@Override
		public void onClose(int code, String reason) {
			this.closed.complete(code + " " + reason);
		}

		@Override
		public void onError(Exception error) {
			this.errors.add(error);
		}

	}

}
