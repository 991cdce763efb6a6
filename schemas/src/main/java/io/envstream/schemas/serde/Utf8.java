package io.envstream.schemas.serde;

/** Sizes of text as it travels: UTF-8, the encoding of every string in the Avro records. */
public final class Utf8 {

	private Utf8() {
	}

	/** How many bytes {@code text} takes in UTF-8 (an unpaired surrogate counts as the 3 bytes of U+FFFD). */
	public static long length(String text) {
		long bytes = text.length();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				// 2 bytes below U+0800, else 3; a surrogate pair is 4 bytes for its 2 chars
				bytes += (c < 0x800 || Character.isSurrogate(c)) ? 1 : 2;
			}
		}
		return bytes;
	}

	/** The longest prefix of {@code text} of at most {@code maxBytes} in UTF-8, never splitting a pair. */
	public static String cut(String text, long maxBytes) {
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			bytes += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
			if (bytes > maxBytes) {
				return text.substring(0, Character.isLowSurrogate(c) ? i - 1 : i);
			}
		}
		return text;
	}

}
