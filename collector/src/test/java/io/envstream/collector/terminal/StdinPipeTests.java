package io.envstream.collector.terminal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StdinPipeTests {

	private final StdinPipe pipe = new StdinPipe();

	private final RecordedHold connection = new RecordedHold();

	@Test
	void holdsTheConnectionOnceItsUnreadInputReachesTheLimit() {
		this.pipe.write(new byte[StdinPipe.HOLD_AT - 1], this.connection);
		assertThat(this.connection.events).isEmpty();
		assertThat(this.pipe.holding()).isFalse();

		this.pipe.write(new byte[1], this.connection);

		assertThat(this.connection.events).containsExactly("hold");
		assertThat(this.pipe.holding()).isTrue();
	}

	@Test
	void aHeldConnectionThatWritesAgainIsHeldOnceAndReleasedOnce() throws IOException {
		this.pipe.write(new byte[StdinPipe.HOLD_AT], this.connection);
		// a frame Tomcat had read before the hold took effect
		this.pipe.write(new byte[10], this.connection);

		read(StdinPipe.HOLD_AT + 10);

		assertThat(this.connection.events).containsExactly("hold", "release");
	}

	@Test
	void releasesItOnceTheShellHasReadAllButHalfOfTheLimit() throws IOException {
		this.pipe.write(new byte[StdinPipe.HOLD_AT], this.connection);

		read(StdinPipe.HOLD_AT / 2 - 1);
		assertThat(this.connection.events).containsExactly("hold");

		read(1);
		assertThat(this.connection.events).containsExactly("hold", "release");
		assertThat(this.pipe.holding()).isFalse();
	}

	@Test
	void everyByteWrittenIsReadInOrder() throws IOException {
		byte[] first = { 1, 2, 3 };
		byte[] second = new byte[StdinPipe.HOLD_AT];
		second[StdinPipe.HOLD_AT - 1] = 9;
		this.pipe.write(first, this.connection);
		this.pipe.write(second, this.connection);
		this.pipe.close();

		byte[] all = this.pipe.readAllBytes();

		assertThat(all).hasSize(3 + StdinPipe.HOLD_AT).startsWith(1, 2, 3, 0).endsWith(0, 9);
		assertThat(this.connection.events).containsExactly("hold", "release");
	}

	@Test
	void aSecondConnectionWritingWhileTheFirstIsHeldIsHeldAndReleasedToo() throws IOException {
		RecordedHold reattached = new RecordedHold();
		this.pipe.write(new byte[StdinPipe.HOLD_AT], this.connection);
		this.pipe.write(new byte[10], reattached);
		assertThat(reattached.events).containsExactly("hold");

		read(StdinPipe.HOLD_AT);

		assertThat(this.connection.events).containsExactly("hold", "release");
		assertThat(reattached.events).containsExactly("hold", "release");
	}

	private void read(int bytes) throws IOException {
		byte[] buffer = new byte[bytes];
		int at = 0;
		while (at < bytes) {
			at += this.pipe.read(buffer, at, bytes - at);
		}
	}

	private static final class RecordedHold implements ReadingHold {

		final List<String> events = new ArrayList<>();

		@Override
		public void hold() {
			this.events.add("hold");
		}

		@Override
		public void release() {
			this.events.add("release");
		}

	}

}
