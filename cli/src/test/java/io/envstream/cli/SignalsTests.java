package io.envstream.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalsTests {

	@Test
	void runsTheHandlerWhenTheWindowChanges() throws Exception {
		CountDownLatch resized = new CountDownLatch(1);

		assertThat(Signals.handle("WINCH", resized::countDown)).isTrue();
		raise("WINCH");

		assertThat(resized.await(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void saysSoWhenThereIsNoSuchSignal() {
		assertThat(Signals.handle("NO-SUCH-SIGNAL", () -> {
		})).isFalse();
	}

	/** The process sends itself the signal, as the terminal would. */
	private static void raise(String name) throws Exception {
		Class<?> signal = Class.forName("sun.misc.Signal");
		signal.getMethod("raise", signal).invoke(null, signal.getConstructor(String.class).newInstance(name));
	}

}
