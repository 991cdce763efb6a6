package io.envstream.testsupport.ws;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One {@link WireWebSockets} connection: its upgrade request, its unread bytes, and the text message its frames
 * are assembling (RFC 6455 without extensions). Called on its selector thread, but {@link #abort}.
 */
final class WireConnection implements WireWebSockets.Connection {

	private static final int OPCODE_CONTINUATION = 0;

	private static final int OPCODE_TEXT = 1;

	private static final int OPCODE_CLOSE = 8;

	private static final int OPCODE_PING = 9;

	private static final int OPCODE_PONG = 10;

	private static final byte[] END_OF_HEADERS = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	final SocketChannel channel;

	final WireWebSockets.Listener listener;

	final CompletableFuture<Void> upgraded = new CompletableFuture<>();

	private ByteBuffer in = ByteBuffer.allocate(64 * 1024);

	private byte[] message = new byte[0];

	private int messageLength;

	private boolean closed;

	private final ByteBuffer request;

	WireConnection(SocketChannel channel, WireWebSockets.Listener listener, ByteBuffer request) {
		this.channel = channel;
		this.listener = listener;
		this.request = request;
	}

	void finishConnect(SelectionKey key) {
		try {
			if (!this.channel.finishConnect()) {
				return;
			}
			sendRequest();
			key.interestOps(SelectionKey.OP_READ);
		}
		catch (IOException | RuntimeException ex) {
			fail(ex);
		}
	}

	/** The upgrade request: a few hundred bytes, which an empty socket buffer takes whole. */
	void sendRequest() throws IOException {
		writeFully(this.channel, this.request);
	}

	@Override
	public CompletableFuture<Void> upgraded() {
		return this.upgraded;
	}

	@Override
	public void abort() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void readAvailable() {
		try {
			if (this.channel.read(this.in) < 0) {
				throw new EOFException("the server closed the connection without a close frame");
			}
			this.in.flip();
			boolean more = this.upgraded.isDone() || readUpgradeResponse();
			while (more && !this.closed) {
				more = readFrame();
			}
			this.in.compact();
		}
		catch (IOException | RuntimeException ex) {
			fail(ex);
		}
	}

	/** Consumes the response headers once all are in; true if it was a 101. */
	private boolean readUpgradeResponse() throws IOException {
		int end = indexOf(END_OF_HEADERS);
		if (end < 0) {
			ensureRoom(this.in.remaining() + 1);
			return false;
		}
		String headers = new String(this.in.array(), this.in.position(), end - this.in.position(),
				StandardCharsets.ISO_8859_1);
		this.in.position(end + END_OF_HEADERS.length);
		String status = headers.lines().findFirst().orElse("");
		if (!status.startsWith("HTTP/1.1 101")) {
			throw new IOException("upgrade refused: " + status);
		}
		this.upgraded.complete(null);
		return true;
	}

	/** Consumes one whole frame if the buffer holds it; false when it needs more bytes. */
	private boolean readFrame() throws IOException {
		ByteBuffer in = this.in;
		if (in.remaining() < 2) {
			return false;
		}
		int start = in.position();
		int first = in.get(start) & 0xff;
		int second = in.get(start + 1) & 0xff;
		if ((first & 0x70) != 0 || (second & 0x80) != 0) {
			throw new IOException("bad frame header: reserved bits or a masked server frame, byte0 "
					+ Integer.toHexString(first) + " byte1 " + Integer.toHexString(second));
		}
		int lengthCode = second & 0x7f;
		int headerLength = (lengthCode == 126) ? 4 : (lengthCode == 127) ? 10 : 2;
		if (in.remaining() < headerLength) {
			return false;
		}
		long length = (lengthCode == 126) ? in.getShort(start + 2) & 0xffff
				: (lengthCode == 127) ? in.getLong(start + 2) : lengthCode;
		if (length > Integer.MAX_VALUE - headerLength) {
			throw new IOException("frame too long: " + length);
		}
		int frameLength = headerLength + (int) length;
		if (in.remaining() < frameLength) {
			ensureRoom(frameLength);
			return false;
		}
		int payload = start + headerLength;
		in.position(start + frameLength);
		boolean fin = (first & 0x80) != 0;
		switch (first & 0x0f) {
			case OPCODE_TEXT, OPCODE_CONTINUATION -> text(payload, (int) length, fin);
			case OPCODE_PING -> send(OPCODE_PONG, payload, (int) length);
			case OPCODE_PONG -> {
				// unsolicited: nothing to do
			}
			case OPCODE_CLOSE -> {
				int code = (length >= 2) ? in.getShort(payload) & 0xffff : 1005;
				String reason = (length > 2) ? new String(in.array(), payload + 2, (int) length - 2,
						StandardCharsets.UTF_8) : "";
				send(OPCODE_CLOSE, payload, (int) Math.min(length, 2));
				this.closed = true;
				this.channel.close();
				this.listener.onClose(code, reason);
			}
			default -> throw new IOException("unexpected opcode " + (first & 0x0f));
		}
		return true;
	}

	private void text(int payload, int length, boolean fin) {
		byte[] array = this.in.array();
		if (fin && this.messageLength == 0) {
			this.listener.onText(new String(array, payload, length, StandardCharsets.ISO_8859_1));
			return;
		}
		if (this.message.length < this.messageLength + length) {
			this.message = Arrays.copyOf(this.message, Math.max(2 * this.message.length,
					this.messageLength + length));
		}
		System.arraycopy(array, payload, this.message, this.messageLength, length);
		this.messageLength += length;
		if (fin) {
			this.listener.onText(new String(this.message, 0, this.messageLength, StandardCharsets.ISO_8859_1));
			this.messageLength = 0;
		}
	}

	/** A masked control frame (a client's frames are masked) with the payload at {@code from} in the buffer. */
	private void send(int opcode, int from, int length) throws IOException {
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		ByteBuffer frame = ByteBuffer.allocate(6 + length);
		frame.put((byte) (0x80 | opcode)).put((byte) (0x80 | length)).put(mask);
		for (int i = 0; i < length; i++) {
			frame.put((byte) (this.in.get(from + i) ^ mask[i % 4]));
		}
		writeFully(this.channel, frame.flip());
	}

	/** Makes the buffer (now in read mode) able to hold {@code bytes} unread bytes. */
	private void ensureRoom(int bytes) {
		if (this.in.capacity() < bytes) {
			ByteBuffer larger = ByteBuffer.allocate(Math.max(bytes, 2 * this.in.capacity()));
			larger.put(this.in);
			larger.flip();
			this.in = larger;
		}
	}

	private int indexOf(byte[] needle) {
		byte[] array = this.in.array();
		for (int i = this.in.position(); i + needle.length <= this.in.limit(); i++) {
			if (Arrays.equals(array, i, i + needle.length, needle, 0, needle.length)) {
				return i;
			}
		}
		return -1;
	}

	private void fail(Exception error) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			error.addSuppressed(ex);
		}
		if (!this.upgraded.completeExceptionally(error)) {
			this.listener.onError(error);
		}
	}

	private static void writeFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			channel.write(bytes);
		}
	}

}
