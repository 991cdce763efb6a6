package io.envstream.schemas.cursor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Turns a {@link Cursor} into an opaque, URL-safe, versioned string and back. The string is the
 * unpadded base64url of the ASCII text {@code v1:<partition>:<offset>:<index>:<check>}, where
 * the numbers are lowercase base36 without leading zeros and {@code <check>} is the CRC32 of
 * {@code v1:<partition>:<offset>:<index>} in lowercase base36, so that a tampered or damaged
 * cursor is rejected. Base36 keeps the longest cursor (every component at its maximum) at 51
 * characters, under {@link #MAX_LENGTH}. Every cursor has exactly one encoding.
 */
public final class CursorCodec {

	/** Longer input is rejected before it is decoded. */
	public static final int MAX_LENGTH = 64;

	private static final String VERSION = "v1";

	/** {@code v1:} and three numbers and a CRC32 at their longest in base 36 (6, 13, 6 and 7 digits), with colons. */
	private static final int LONGEST_TEXT = 3 + 6 + 1 + 13 + 1 + 6 + 1 + 7;

	private static final int RADIX = 36;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private CursorCodec() {
	}

	public static String encode(Cursor cursor) {
		Objects.requireNonNull(cursor, "cursor");
		// written into one array, not joined from strings: the gateway encodes a cursor for every line it sends
		byte[] text = new byte[LONGEST_TEXT];
		int length = 0;
		text[length++] = 'v';
		text[length++] = '1';
		text[length++] = ':';
		length = base36(cursor.partition(), text, length);
		text[length++] = ':';
		length = base36(cursor.offset(), text, length);
		text[length++] = ':';
		length = base36(cursor.index(), text, length);
		CRC32 crc = new CRC32();
		crc.update(text, 0, length);
		text[length++] = ':';
		length = base36(crc.getValue(), text, length);
		return ENCODER.encodeToString(Arrays.copyOf(text, length));
	}

	/** Writes {@code value} (not negative) as {@link Long#toString(long, int)} does in base 36; the next index. */
	private static int base36(long value, byte[] into, int at) {
		int digits = 1;
		for (long rest = value / RADIX; rest > 0; rest /= RADIX) {
			digits++;
		}
		long rest = value;
		for (int i = at + digits - 1; i >= at; i--) {
			into[i] = (byte) Character.forDigit((int) (rest % RADIX), RADIX);
			rest /= RADIX;
		}
		return at + digits;
	}

	/**
	 * @throws InvalidCursorException if {@code cursor} is not a string {@link #encode} returned
	 */
	public static Cursor decode(String cursor) {
		String text = text(cursor);
		String[] fields = text.split(":", -1);
		if (!VERSION.equals(fields[0])) {
			throw new InvalidCursorException(fields[0].matches("v[0-9]{1,9}") ? "unsupported version " + fields[0]
					: "not an envstream cursor");
		}
		if (fields.length != 5) {
			throw new InvalidCursorException("expected 5 fields, found " + fields.length);
		}
		if (!fields[4].equals(check(text.substring(0, text.lastIndexOf(':'))))) {
			throw new InvalidCursorException("checksum mismatch: tampered or damaged");
		}
		return new Cursor((int) number(fields[1], "partition", Integer.MAX_VALUE),
				number(fields[2], "offset", Long.MAX_VALUE), (int) number(fields[3], "index", Integer.MAX_VALUE));
	}

	private static String text(String cursor) {
		if (cursor == null) {
			throw new InvalidCursorException("null");
		}
		if (cursor.isEmpty()) {
			throw new InvalidCursorException("empty");
		}
		if (cursor.length() > MAX_LENGTH) {
			throw new InvalidCursorException(cursor.length() + " characters, at most " + MAX_LENGTH + " allowed");
		}
		for (int i = 0; i < cursor.length(); i++) {
			char c = cursor.charAt(i);
			if (c == '=') {
				throw new InvalidCursorException("padding is not allowed");
			}
			if (!isBase64Url(c)) {
				throw new InvalidCursorException(
						String.format("character U+%04X at index %d is not base64url", (int) c, i));
			}
		}
		byte[] bytes;
		try {
			bytes = DECODER.decode(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCursorException("not base64url: " + cursor.length() + " characters");
		}
		if (!ENCODER.encodeToString(bytes).equals(cursor)) {
			throw new InvalidCursorException("not canonical base64url");
		}
		for (byte b : bytes) {
			if (b < 0x21 || b > 0x7e) {
				throw new InvalidCursorException("decoded bytes are not printable ASCII");
			}
		}
		return new String(bytes, StandardCharsets.US_ASCII);
	}

	private static long number(String digits, String name, long max) {
		if (digits.isEmpty()) {
			throw new InvalidCursorException("empty " + name);
		}
		if (digits.charAt(0) == '-') {
			throw new InvalidCursorException("negative " + name);
		}
		if (!digits.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
			throw new InvalidCursorException(name + " is not a base36 number");
		}
		if (digits.length() > 1 && digits.charAt(0) == '0') {
			throw new InvalidCursorException(name + " has leading zeros");
		}
		long value;
		try {
			value = Long.parseLong(digits, RADIX);
		}
		catch (NumberFormatException ex) {
			throw new InvalidCursorException(name + " out of range");
		}
		if (value > max) {
			throw new InvalidCursorException(name + " out of range");
		}
		return value;
	}

	private static boolean isBase64Url(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

	private static String check(String body) {
		CRC32 crc = new CRC32();
		crc.update(body.getBytes(StandardCharsets.US_ASCII));
		return Long.toString(crc.getValue(), RADIX);
	}

}
