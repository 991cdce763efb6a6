package io.envstream.schemas.cursor;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorCodecTests {

	@ParameterizedTest
	@CsvSource({ "0, 0, 0", "3, 1234567, 42", "2147483647, 9223372036854775807, 2147483647", "0, 1, 2147483647",
			"2147483647, 0, 0" })
	void roundTripsEveryPositionIncludingExtremes(int partition, long offset, int index) {
		Cursor cursor = new Cursor(partition, offset, index);

		String encoded = CursorCodec.encode(cursor);

		assertThat(encoded).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(CursorCodec.MAX_LENGTH);
		assertThat(CursorCodec.decode(encoded)).isEqualTo(cursor);
	}

	@Test
	void encodesTheVersionedTextWithChecksum() {
		String encoded = CursorCodec.encode(new Cursor(3, 1000, 7));

		assertThat(decoded(encoded)).isEqualTo("v1:3:rs:7:" + check("v1:3:rs:7"));
	}

	@Test
	void encodesEveryPositionAsItsVersionedTextWithChecksum() {
		Random random = new Random(20261206);
		for (int i = 0; i < 10_000; i++) {
			// positions of every length in base 36, from one digit to the longest
			int partition = random.nextInt() >>> (1 + random.nextInt(31));
			long offset = random.nextLong() >>> (1 + random.nextInt(63));
			int index = random.nextInt() >>> (1 + random.nextInt(31));
			String body = "v1:" + Integer.toString(partition, 36) + ":" + Long.toString(offset, 36) + ":"
					+ Integer.toString(index, 36);

			String encoded = CursorCodec.encode(new Cursor(partition, offset, index));

			assertThat(decoded(encoded)).isEqualTo(text(body));
			assertThat(encoded).isEqualTo(Base64.getUrlEncoder().withoutPadding()
				.encodeToString(text(body).getBytes(StandardCharsets.US_ASCII)));
		}
	}

	@Test
	void rejectsNull() {
		assertInvalid(null, "null");
	}

	@Test
	void rejectsEmpty() {
		assertInvalid("", "empty");
	}

	@Test
	void rejectsOverlongInputBeforeDecodingIt() {
		String valid = CursorCodec.encode(new Cursor(1, 2, 3));

		assertInvalid("A".repeat(65), "65 characters, at most 64 allowed");
		assertInvalid(valid + "A".repeat(65 - valid.length()), "65 characters, at most 64 allowed");
		assertInvalid("é".repeat(1_000_000), "1000000 characters, at most 64 allowed");
	}

	@Test
	void rejectsPadding() {
		String padded = Base64.getUrlEncoder().encodeToString(text("v1:1:2:34").getBytes(StandardCharsets.US_ASCII));
		assertThat(padded).endsWith("=");

		assertInvalid(padded, "padding is not allowed");
	}

	@Test
	void rejectsNonAsciiAndNonBase64UrlCharacters() {
		assertInvalid("djE6MTox\u00e9", "character U+00E9 at index 8 is not base64url");
		assertInvalid("djE6MTox+", "character U+002B at index 8 is not base64url");
		assertInvalid("djE6 MTox", "character U+0020 at index 4 is not base64url");
		assertInvalid("djE6MTox\u0000", "character U+0000 at index 8 is not base64url");
	}

	@Test
	void rejectsImpossibleOrNonCanonicalBase64() {
		String valid = CursorCodec.encode(new Cursor(1, 2, 3 * 36 + 4));
		String nonCanonical = nonCanonical(valid);
		assertThat(nonCanonical).isNotEqualTo(valid);
		assertThat(Base64.getUrlDecoder().decode(nonCanonical)).isEqualTo(Base64.getUrlDecoder().decode(valid));

		assertInvalid("AAAAA", "not base64url: 5 characters");
		assertInvalid(nonCanonical, "not canonical base64url");
	}

	@Test
	void rejectsDecodedBytesThatAreNotPrintableAscii() {
		assertInvalid(encodeRaw("v1:1:2:3:\u00ff"), "decoded bytes are not printable ASCII");
		assertInvalid(encodeRaw("v1:1 :2:3"), "decoded bytes are not printable ASCII");
	}

	@Test
	void rejectsOtherVersions() {
		assertInvalid(encodeRaw(text("v2:1:2:3")), "unsupported version v2");
		assertInvalid(encodeRaw(text("V1:1:2:3")), "not an envstream cursor");
		assertInvalid(encodeRaw("hello"), "not an envstream cursor");
	}

	@Test
	void rejectsWrongFieldCount() {
		assertInvalid(encodeRaw(text("v1:1:2")), "expected 5 fields, found 4");
		assertInvalid(encodeRaw(text("v1:1:2:3:4")), "expected 5 fields, found 6");
		assertInvalid(encodeRaw("v1"), "expected 5 fields, found 1");
	}

	@Test
	void rejectsTamperedCursors() {
		assertInvalid(encodeRaw("v1:1:2:4:" + check("v1:1:2:3")), "checksum mismatch: tampered or damaged");
		assertInvalid(encodeRaw("v1:1:2:3:0"), "checksum mismatch: tampered or damaged");
	}

	@Test
	void detectsEverySingleCharacterChange() {
		String valid = CursorCodec.encode(new Cursor(11, 123456789, 42));
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		for (int i = 0; i < valid.length(); i++) {
			for (char c : alphabet.toCharArray()) {
				if (c != valid.charAt(i)) {
					String tampered = valid.substring(0, i) + c + valid.substring(i + 1);
					assertThatExceptionOfType(InvalidCursorException.class)
						.as("changing index %d to %s", i, c)
						.isThrownBy(() -> CursorCodec.decode(tampered));
				}
			}
		}
	}

	@Test
	void rejectsNegativeComponentsEvenWithAValidChecksum() {
		assertInvalid(encodeRaw(text("v1:-1:2:3")), "negative partition");
		assertInvalid(encodeRaw(text("v1:1:-2:3")), "negative offset");
		assertInvalid(encodeRaw(text("v1:1:2:-3")), "negative index");
	}

	@Test
	void rejectsOverflowingComponents() {
		String maxInt = Integer.toString(Integer.MAX_VALUE, 36);
		String maxLong = Long.toString(Long.MAX_VALUE, 36);
		assertInvalid(encodeRaw(text("v1:" + Long.toString(Integer.MAX_VALUE + 1L, 36) + ":0:0")),
				"partition out of range");
		assertInvalid(encodeRaw(text("v1:0:1y2p0ij32e8e8:0")), "offset out of range");
		assertInvalid(encodeRaw(text("v1:0:zzzzzzzzzzzzzzzzzzzz:0")), "offset out of range");
		assertInvalid(encodeRaw(text("v1:0:0:" + Long.toString(Integer.MAX_VALUE + 1L, 36))), "index out of range");
		assertThat(CursorCodec.decode(encodeRaw(text("v1:" + maxInt + ":" + maxLong + ":" + maxInt))))
			.isEqualTo(new Cursor(Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE));
	}

	@Test
	void rejectsNonCanonicalNumbers() {
		assertInvalid(encodeRaw(text("v1:01:2:3")), "partition has leading zeros");
		assertInvalid(encodeRaw(text("v1:1:2A:3")), "offset is not a base36 number");
		assertInvalid(encodeRaw(text("v1:1:+2:3")), "offset is not a base36 number");
		assertInvalid(encodeRaw(text("v1:1::3")), "empty offset");
	}

	@Test
	void randomInputOnlyEverFailsWithInvalidCursorException() {
		Random random = new Random(7);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ :é\u0000\ud83d";
		int decoded = 0;
		for (int i = 0; i < 5000; i++) {
			String input = switch (i % 3) {
				case 0 -> randomString(random, alphabet, random.nextInt(80));
				case 1 -> Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(random));
				default -> encodeRaw(text("v1:" + randomField(random) + ":" + randomField(random) + ":"
						+ randomField(random)));
			};
			try {
				Cursor cursor = CursorCodec.decode(input);
				assertThat(CursorCodec.encode(cursor)).isEqualTo(input);
				decoded++;
			}
			catch (InvalidCursorException ex) {
				assertThat(ex.getMessage()).startsWith("invalid cursor: ").hasSizeLessThan(120);
			}
		}
		assertThat(decoded).isPositive();
	}

	private static void assertInvalid(String input, String reason) {
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> CursorCodec.decode(input))
			.withMessage("invalid cursor: " + reason);
	}

	private static String text(String body) {
		return body + ":" + check(body);
	}

	private static String check(String body) {
		CRC32 crc = new CRC32();
		crc.update(body.getBytes(StandardCharsets.ISO_8859_1));
		return Long.toString(crc.getValue(), 36);
	}

	private static String encodeRaw(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static String decoded(String cursor) {
		return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
	}

	// The last character of an unpadded base64 string carries unused low bits; setting one
	// yields another string that decodes to the same bytes.
	private static String nonCanonical(String valid) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		int last = alphabet.indexOf(valid.charAt(valid.length() - 1));
		return valid.substring(0, valid.length() - 1) + alphabet.charAt(last | 1);
	}

	private static String randomString(Random random, String alphabet, int length) {
		StringBuilder builder = new StringBuilder();
		for (int i = 0; i < length; i++) {
			builder.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return builder.toString();
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(48)];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String randomField(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
			case 1 -> Integer.toString(random.nextInt(1000), 36);
			case 2 -> "-" + Integer.toString(random.nextInt(1000), 36);
			default -> randomString(random, "0123456789abcdefghijklmnopqrstuvwxyz", random.nextInt(16));
		};
	}

}
