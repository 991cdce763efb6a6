package io.envstream.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * A WebSocket client over a plain socket that never answers a ping, as a hung peer would (the
 * JDK and Tomcat clients answer pings on their own). It reads frames until the server closes.
 */
public final class SilentWebSocket implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	public SilentWebSocket(String url) throws IOException {
		this(url, new String[0]);
	}

	/** @param extraHeaders extra request header lines, e.g. {@code "Authorization: Bearer …"} */
	public SilentWebSocket(String url, String... extraHeaders) throws IOException {
		this(0, url, extraHeaders);
	}

	/**
	 * A client that stops reading after the handshake, as a stuck peer does: its receive window is
	 * {@code receiveBuffer} bytes, so the server's socket fills after a few frames.
	 */
	public static SilentWebSocket stalled(String url, int receiveBuffer) throws IOException {
		return new SilentWebSocket(receiveBuffer, url);
	}

	private SilentWebSocket(int receiveBuffer, String url, String... extraHeaders) throws IOException {
		URI uri = URI.create(url);
		this.socket = new Socket();
		if (receiveBuffer > 0) {
			// before connecting: the window is agreed on in the handshake
			this.socket.setReceiveBufferSize(receiveBuffer);
		}
		this.socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
		this.socket.setSoTimeout(30_000);
		String key = Base64.getEncoder().encodeToString("envstream-silent".getBytes(StandardCharsets.US_ASCII));
		String request = "GET " + uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")
				+ " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
				+ "\r\nSec-WebSocket-Version: 13\r\n"
				+ Arrays.stream(extraHeaders).map((header) -> header + "\r\n").collect(Collectors.joining()) + "\r\n";
		OutputStream out = this.socket.getOutputStream();
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		this.in = new DataInputStream(this.socket.getInputStream());
		StringBuilder headers = new StringBuilder();
		while (!headers.toString().endsWith("\r\n\r\n")) {
			headers.append((char) this.in.readUnsignedByte());
		}
		if (!headers.toString().startsWith("HTTP/1.1 101")) {
			throw new IOException("upgrade refused: " + headers);
		}
	}

	/** Reads frames until a text frame containing {@code fragment}, and stops reading there. */
	public void awaitText(String fragment) throws IOException {
		while (true) {
			int opcode = this.in.readUnsignedByte() & 0x0f;
			byte[] payload = readPayload();
			if (opcode == 0x8) {
				throw new IOException("closed before a text with " + fragment);
			}
			if (opcode == 0x1 && new String(payload, StandardCharsets.UTF_8).contains(fragment)) {
				return;
			}
		}
	}

	/** Reads frames, ignoring pings, until a close frame; returns its code, and counts pings seen. */
	public int[] awaitCloseCountingPings() throws IOException {
		int pings = 0;
		while (true) {
			int opcode = this.in.readUnsignedByte() & 0x0f;
			byte[] payload = readPayload();
			if (opcode == 0x9) {
				pings++;
			}
			if (opcode == 0x8) {
				int code = (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
				return new int[] { code, pings };
			}
		}
	}

	/** The payload of a server frame (unmasked), its first byte read. */
	private byte[] readPayload() throws IOException {
		long length = this.in.readUnsignedByte() & 0x7f;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[(int) length];
		this.in.readFully(payload);
		return payload;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
