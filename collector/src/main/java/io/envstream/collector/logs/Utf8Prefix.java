package io.envstream.collector.logs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a line's bytes that takes at most a given number of bytes once encoded as UTF-8 again, as the records
 * carry it. A container may write any bytes: each byte that is not UTF-8 becomes U+FFFD, three bytes for one, so the
 * raw bytes' count does not bound the text's. The text ends on a whole character.
 * @param text the decoded text, malformed sequences replaced by U+FFFD
 * @param bytesRead how many of the raw bytes it holds
 */
record Utf8Prefix(String text, int bytesRead) {

	private static final int REPLACEMENT_BYTES = 3;

	/**
	 * Decodes {@code bytes[0, length)} until the text would take more than {@code maxBytes} in UTF-8.
	 * @param complete whether the bytes end where the line ends; if not (a line cut at its limit), a character begun
	 * at their end is left out rather than replaced
	 */
	static Utf8Prefix decode(byte[] bytes, int length, int maxBytes, boolean complete) {
		if (complete && length <= maxBytes / REPLACEMENT_BYTES) {
			// even if every byte were replaced, the text would fit: the usual line takes the JDK's fast path
			return new Utf8Prefix(new String(bytes, 0, length, StandardCharsets.UTF_8), length);
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
		CharBuffer out = CharBuffer.allocate(length);
		// a well-formed sequence encodes again to the same bytes: the text's UTF-8 size grows as the input is read
		long textBytes = 0;
		while (in.hasRemaining() && textBytes < maxBytes) {
			int from = in.position();
			in.limit((int) Math.min(length, from + (maxBytes - textBytes)));
			boolean all = in.limit() == length;
			// whether the input ends here changes from one call to the next: a UTF-8 decoder keeps no state between
			// calls (a character begun at the limit stays in the input), so it starts afresh each time
			decoder.reset();
			CoderResult result = decoder.decode(in, out, complete && all);
			textBytes += in.position() - from;
			in.limit(length);
			if (result.isError()) {
				if (textBytes + REPLACEMENT_BYTES > maxBytes) {
					break;
				}
				out.put('\uFFFD');
				in.position(in.position() + result.length());
				textBytes += REPLACEMENT_BYTES;
			}
			else if (!all || in.hasRemaining()) {
				break; // at the limit, or a character begun at the end of a cut line
			}
		}
		return new Utf8Prefix(out.flip().toString(), in.position());
	}

}
