package io.envstream.schemas.status;

import java.util.List;

import io.envstream.schemas.avro.Status;
import org.junit.jupiter.api.Test;

import static io.envstream.schemas.avro.Status.CREATED;
import static io.envstream.schemas.avro.Status.DEAD;
import static io.envstream.schemas.avro.Status.EXITED;
import static io.envstream.schemas.avro.Status.PAUSED;
import static io.envstream.schemas.avro.Status.REMOVED;
import static io.envstream.schemas.avro.Status.RESTARTING;
import static io.envstream.schemas.avro.Status.RUNNING;
import static io.envstream.schemas.avro.Status.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTests {

	@Test
	void theFirstRunIsNoRestart() {
		assertThat(restarts(CREATED, RUNNING)).isZero();
	}

	@Test
	void aRestartPolicysRestartCountsOnce() {
		assertThat(restarts(RUNNING, EXITED, RUNNING, EXITED, RUNNING)).isEqualTo(2);
	}

	@Test
	void dockerRestartCountsOnceThoughItAlsoReportsRunningTwice() {
		assertThat(restarts(RUNNING, EXITED, STOPPED, RUNNING, RUNNING)).isOne();
	}

	@Test
	void aContainerRecreatedForTheEnvironmentCountsOnce() {
		assertThat(restarts(RUNNING, STOPPED, REMOVED, CREATED, RUNNING)).isOne();
	}

	@Test
	void restartingAndDeadGoDownAndPausingDoesNot() {
		assertThat(restarts(RUNNING, RESTARTING, RUNNING)).isOne();
		assertThat(restarts(RUNNING, DEAD, RUNNING)).isOne();
		assertThat(restarts(RUNNING, PAUSED, RUNNING)).isZero();
	}

	@Test
	void runningAnnouncedAgainIsNoRestart() {
		assertThat(restarts(RUNNING, RUNNING, RUNNING)).isZero();
	}

	private static int restarts(Status... statuses) {
		Lifecycle lifecycle = Lifecycle.UNSEEN;
		int restarts = 0;
		for (Status status : List.of(statuses)) {
			restarts += lifecycle.restartedBy(status) ? 1 : 0;
			lifecycle = lifecycle.next(status);
		}
		return restarts;
	}

}
