package io.envstream.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExitTests {

	@Test
	void mapsTheCloseCodesAPersonActsOn() {
		assertThat(Exit.ofClose(1000)).isZero();
		assertThat(Exit.ofClose(4401)).isEqualTo(3);
		assertThat(Exit.ofClose(4403)).isEqualTo(4);
		assertThat(Exit.ofClose(4404)).isEqualTo(5);
		assertThat(Exit.ofClose(4429)).isEqualTo(6);
		assertThat(Exit.ofClose(1008)).isEqualTo(64);
		assertThat(Exit.ofClose(1011)).isEqualTo(1);
		assertThat(Exit.ofClose(1006)).isEqualTo(1);
	}

	@Test
	void mapsTheRestStatusesTheSameWay() {
		assertThat(Exit.ofHttp(401)).isEqualTo(3);
		assertThat(Exit.ofHttp(403)).isEqualTo(4);
		assertThat(Exit.ofHttp(404)).isEqualTo(5);
		assertThat(Exit.ofHttp(429)).isEqualTo(6);
		assertThat(Exit.ofHttp(400)).isEqualTo(64);
		assertThat(Exit.ofHttp(500)).isEqualTo(1);
	}

}
