package io.envstream.collector.events;

import java.util.Map;

import io.envstream.schemas.avro.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusChangeTests {

	@Test
	void mapsLifecycleActionsToStates() {
		assertThat(StatusChange.of("create", null)).isEqualTo(Status.CREATED);
		assertThat(StatusChange.of("start", Status.CREATED)).isEqualTo(Status.RUNNING);
		assertThat(StatusChange.of("pause", Status.RUNNING)).isEqualTo(Status.PAUSED);
		assertThat(StatusChange.of("unpause", Status.PAUSED)).isEqualTo(Status.RUNNING);
		assertThat(StatusChange.of("die", Status.RUNNING)).isEqualTo(Status.EXITED);
		assertThat(StatusChange.of("stop", Status.EXITED)).isEqualTo(Status.STOPPED);
		assertThat(StatusChange.of("restart", Status.RUNNING)).isEqualTo(Status.RUNNING);
		assertThat(StatusChange.of("destroy", Status.EXITED)).isEqualTo(Status.REMOVED);
	}

	@Test
	void ignoresActionsThatChangeNoState() {
		assertThat(StatusChange.of("kill", Status.RUNNING)).isNull();
		assertThat(StatusChange.of("exec_start: sh", Status.RUNNING)).isNull();
		assertThat(StatusChange.of("attach", Status.RUNNING)).isNull();
	}

	@Test
	void keepsTheStateOnHealthChanges() {
		ContainerEvent event = new ContainerEvent("c", "health_status: unhealthy", Map.of(), 0);

		assertThat(StatusChange.of(event.action(), Status.RUNNING)).isEqualTo(Status.RUNNING);
		assertThat(event.health()).isEqualTo("unhealthy");
	}

	@Test
	void readsTheExitCodeOfADieEvent() {
		assertThat(new ContainerEvent("c", "die", Map.of("exitCode", "3"), 0).exitCode()).isEqualTo(3);
		assertThat(new ContainerEvent("c", "start", Map.of(), 0).exitCode()).isNull();
	}

	@Test
	void mapsInspectedStates() {
		assertThat(StatusChange.ofState("running")).isEqualTo(Status.RUNNING);
		assertThat(StatusChange.ofState("exited")).isEqualTo(Status.EXITED);
		assertThat(StatusChange.ofState("restarting")).isEqualTo(Status.RESTARTING);
		assertThat(StatusChange.ofState("created")).isEqualTo(Status.CREATED);
	}

}
