package io.envstream.standalone;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedDatabaseTests {

	@Test
	void refusesAPortAnotherProcessListensOnNamingTheSetting() throws Exception {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(0));
			int port = taken.getLocalPort();

			assertThatIllegalStateException().isThrownBy(() -> EmbeddedDatabase.requireFree(port))
				.withMessageContaining("port " + port + " is taken")
				.withMessageContaining("envstream.standalone.postgres-port");
		}
	}

	@Test
	void acceptsAFreePort() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}

		assertThatCode(() -> EmbeddedDatabase.requireFree(port)).doesNotThrowAnyException();
	}

}
