package io.envstream.collector.terminal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the PTY's bytes into text one read at a time without splitting a character: the bytes of
 * a character cut off at the end of a read wait for the next one. Bytes that are not UTF-8 become
 * U+FFFD, as a terminal would show them. Not thread-safe: one reader per session.
 */
final class Utf8StreamDecoder {

	/** The longest UTF-8 sequence is four bytes, so at most three can wait. */
	private static final int MAX_PENDING = 3;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPLACE)
		.onUnmappableCharacter(CodingErrorAction.REPLACE);

	private final byte[] pending = new byte[MAX_PENDING];

	private int pendingLength;

	/** The text of the complete characters in what was held back and {@code bytes[0..length)}. */
	String decode(byte[] bytes, int length) {
		ByteBuffer in;
		if (this.pendingLength == 0) {
			in = ByteBuffer.wrap(bytes, 0, length);
		}
		else {
			in = ByteBuffer.allocate(this.pendingLength + length);
			in.put(this.pending, 0, this.pendingLength).put(bytes, 0, length).flip();
		}
		CharBuffer out = CharBuffer.allocate(in.remaining());
		// not the end of input: an incomplete sequence at the end stays in the buffer
		this.decoder.decode(in, out, false);
		this.pendingLength = in.remaining();
		in.get(this.pending, 0, this.pendingLength);
		return out.flip().toString();
	}

	/** What is still held back (an incomplete character at the end of the stream), as U+FFFD. */
	String finish() {
		String rest = (this.pendingLength > 0) ? "\uFFFD" : "";
		this.pendingLength = 0;
		this.decoder.reset();
		return rest;
	}

}
