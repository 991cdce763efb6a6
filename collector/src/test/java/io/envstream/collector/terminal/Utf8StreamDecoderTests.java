package io.envstream.collector.terminal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8StreamDecoderTests {

	private final Utf8StreamDecoder decoder = new Utf8StreamDecoder();

	@Test
	void decodesCompleteText() {
		byte[] bytes = "plain ascii".getBytes(StandardCharsets.UTF_8);

		assertThat(this.decoder.decode(bytes, bytes.length)).isEqualTo("plain ascii");
	}

	@Test
	void holdsBackACharacterCutAtEveryPossiblePlace() {
		// two, three and four bytes: é 漢 😀
		byte[] bytes = "hé漢😀!".getBytes(StandardCharsets.UTF_8);
		for (int cut = 0; cut <= bytes.length; cut++) {
			Utf8StreamDecoder decoder = new Utf8StreamDecoder();
			byte[] first = Arrays.copyOfRange(bytes, 0, cut);
			byte[] second = Arrays.copyOfRange(bytes, cut, bytes.length);

			String text = decoder.decode(first, first.length) + decoder.decode(second, second.length);

			assertThat(text).as("cut after byte %d", cut).isEqualTo("hé漢😀!");
		}
	}

	@Test
	void holdsBackAcrossSeveralReadsOfOneByte() {
		byte[] bytes = "😀".getBytes(StandardCharsets.UTF_8);
		StringBuilder text = new StringBuilder();
		for (byte b : bytes) {
			String part = this.decoder.decode(new byte[] { b }, 1);
			text.append(part);
			assertThat(part).doesNotContain("\uFFFD");
		}

		assertThat(text).hasToString("😀");
	}

	@Test
	void decodesOnlyTheGivenLength() {
		byte[] buffer = "abcdef".getBytes(StandardCharsets.UTF_8);

		assertThat(this.decoder.decode(buffer, 3)).isEqualTo("abc");
	}

	@Test
	void replacesBytesThatAreNotUtf8() {
		byte[] bytes = { 'a', (byte) 0xff, 'b' };

		assertThat(this.decoder.decode(bytes, bytes.length)).isEqualTo("a\uFFFDb");
	}

	@Test
	void finishesAnIncompleteCharacterAsAReplacement() {
		byte[] bytes = Arrays.copyOf("漢".getBytes(StandardCharsets.UTF_8), 2);

		assertThat(this.decoder.decode(bytes, bytes.length)).isEmpty();
		assertThat(this.decoder.finish()).isEqualTo("\uFFFD");
		assertThat(this.decoder.finish()).isEmpty();
	}

}
