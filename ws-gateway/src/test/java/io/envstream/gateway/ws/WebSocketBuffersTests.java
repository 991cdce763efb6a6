package io.envstream.gateway.ws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketBuffersTests {

	@Test
	void leavesASizeTheJvmWasGivenAlone() {
		String before = System.getProperty(WebSocketBuffers.PROPERTY);
		try {
			System.setProperty(WebSocketBuffers.PROPERTY, "16384");

			WebSocketBuffers.useGatewayDefault();

			assertThat(System.getProperty(WebSocketBuffers.PROPERTY)).isEqualTo("16384");
		}
		finally {
			restore(before);
		}
	}

	@Test
	void setsTwoKibibytesWhenTheJvmWasGivenNone() {
		String before = System.getProperty(WebSocketBuffers.PROPERTY);
		try {
			System.clearProperty(WebSocketBuffers.PROPERTY);

			WebSocketBuffers.useGatewayDefault();

			assertThat(System.getProperty(WebSocketBuffers.PROPERTY)).isEqualTo("2048");
		}
		finally {
			restore(before);
		}
	}

	private static void restore(String value) {
		if (value != null) {
			System.setProperty(WebSocketBuffers.PROPERTY, value);
		}
		else {
			System.clearProperty(WebSocketBuffers.PROPERTY);
		}
	}

}
