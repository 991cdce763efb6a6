package io.envstream.gateway.status;

import java.util.ArrayList;
import java.util.List;

import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.Status;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.status.StatusMessagesTests.alert;
import static io.envstream.gateway.status.StatusMessagesTests.sample;
import static io.envstream.gateway.status.StatusMessagesTests.status;
import static org.assertj.core.api.Assertions.assertThat;

class LatestStatusesTests {

	/** The time the view is at: the samples' times (a few ms) are recent until a test moves it on. */
	private long now = 60_000;

	private final LatestStatuses latest = new LatestStatuses(() -> this.now);

	/**
	 * Records what it is handed as {@code status:<state>[:change]}, {@code metrics:<cpu>},
	 * {@code recent:<cpu>,<cpu>,…} and {@code alert:<id>}.
	 */
	static class Recording implements StatusListener {

		final List<String> events = new ArrayList<>();

		@Override
		public void status(EnvironmentStatus status, boolean change) {
			this.events.add("status:" + status.getStatus() + (change ? ":change" : ""));
		}

		@Override
		public void metrics(ContainerMetrics metrics) {
			this.events.add("metrics:" + metrics.getCpuPercent());
		}

		@Override
		public void recentMetrics(List<ContainerMetrics> samples) {
			this.events.add("recent:" + String.join(",", samples.stream().map((s) -> "" + s.getCpuPercent()).toList()));
		}

		@Override
		public void alert(Alert alert) {
			this.events.add("alert:" + alert.getAlertId());
		}

	}

	@Test
	void handsEachAlertToTheListenersOfItsEnvironmentOnlyAndKeepsNoneForLaterOnes() {
		Recording listening = new Recording();
		Recording otherEnvironment = new Recording();
		this.latest.subscribe("env-1", listening);
		this.latest.subscribe("env-2", otherEnvironment);

		this.latest.alert("env-1", alert("env-1", "fired", 1));
		Recording late = new Recording();
		this.latest.subscribe("env-1", late);
		this.latest.loaded();

		assertThat(listening.events).containsExactly("alert:7:env-1:1767261600000");
		assertThat(otherEnvironment.events).isEmpty();
		assertThat(late.events).isEmpty();
	}

	@Test
	void handsOutNothingUntilLoadedThenTheCurrentStateAndChanges() {
		Recording early = new Recording();
		this.latest.subscribe("env-1", early);
		this.latest.status("env-1", status(Status.CREATED, null, null, 1));
		this.latest.status("env-1", status(Status.RUNNING, null, null, 2));
		assertThat(early.events).isEmpty();

		this.latest.loaded();
		this.latest.status("env-1", status(Status.EXITED, 3, null, 3));
		assertThat(early.events).containsExactly("status:RUNNING", "status:EXITED:change");
	}

	@Test
	void givesANewListenerTheCurrentStateFirstThenTheRecentSamplesOfItsEnvironmentThenTheNewOnes() {
		this.latest.loaded();
		this.latest.status("env-1", status(Status.RUNNING, null, null, 1));
		this.latest.metrics("env-1", sample("c-1", 12.5, 1, 1, 2));
		this.latest.metrics("env-2", sample("c-9", 99, 1, 1, 2));
		this.latest.metrics("env-1", sample("c-1", 13.5, 1, 1, 3));

		Recording late = new Recording();
		this.latest.subscribe("env-1", late);
		this.latest.metrics("env-1", sample("c-1", 14.5, 1, 1, 4));
		assertThat(late.events).containsExactly("status:RUNNING", "recent:12.5,13.5", "metrics:14.5");
	}

	@Test
	void keepsTheRecentSamplesAfterTheContainerStopsOrIsReplaced() {
		this.latest.loaded();
		this.latest.status("env-1", status(Status.RUNNING, null, null, 1));
		this.latest.metrics("env-1", sample("c-1", 12.5, 1, 1, 2));
		this.latest.status("env-1", status(Status.EXITED, 0, null, 3));
		Recording afterExit = new Recording();
		this.latest.subscribe("env-1", afterExit);
		assertThat(afterExit.events).containsExactly("status:EXITED", "recent:12.5");

		this.latest.status("env-1", status(Status.RUNNING, null, null, 4));
		this.latest.metrics("env-1", sample("c-2", 50, 1, 1, 5));
		Recording afterRestart = new Recording();
		this.latest.subscribe("env-1", afterRestart);
		assertThat(afterRestart.events).containsExactly("status:RUNNING", "recent:12.5,50.0");
	}

	@Test
	void holdsBackTheSamplesOfAnEnvironmentWithoutStateUntilTheyFollowItsFirstState() {
		this.latest.loaded();
		Recording listener = new Recording();
		this.latest.subscribe("env-new", listener);
		this.latest.metrics("env-new", sample("c-1", 1, 1, 1, 2));
		assertThat(listener.events).isEmpty();

		this.latest.status("env-new", status(Status.RUNNING, null, null, 3));
		this.latest.metrics("env-new", sample("c-1", 2, 1, 1, 4));
		this.latest.status("env-new", status(Status.EXITED, 0, null, 5));
		assertThat(listener.events).containsExactly("status:RUNNING:change", "recent:1.0", "metrics:2.0",
				"status:EXITED:change");
	}

	@Test
	void handsOutOnlyTheSamplesOfTheLast15Minutes() {
		this.latest.loaded();
		this.latest.status("env-1", status(Status.RUNNING, null, null, 1));
		this.now = LatestStatuses.RECENT.toMillis() + 1_000;
		this.latest.metrics("env-1", sample("c-1", 1, 1, 1, 999));
		this.latest.metrics("env-1", sample("c-1", 2, 1, 1, 1_000));
		this.latest.metrics("env-1", sample("c-1", 3, 1, 1, 1_001));

		Recording late = new Recording();
		this.latest.subscribe("env-1", late);
		this.now += 1;
		Recording later = new Recording();
		this.latest.subscribe("env-1", later);

		assertThat(late.events).containsExactly("status:RUNNING", "recent:2.0,3.0");
		assertThat(later.events).containsExactly("status:RUNNING", "recent:3.0");
	}

	@Test
	void keepsAtMostMaxRecentSamplesOfAnEnvironment() {
		this.latest.loaded();
		this.latest.status("env-1", status(Status.RUNNING, null, null, 1));
		for (int i = 0; i < LatestStatuses.MAX_RECENT + 5; i++) {
			this.latest.metrics("env-1", sample("c-1", i, 1, 1, 10 + i));
		}
		List<ContainerMetrics> handed = new ArrayList<>();
		this.latest.subscribe("env-1", new Recording() {
			@Override
			public void recentMetrics(List<ContainerMetrics> samples) {
				handed.addAll(samples);
			}
		});
		assertThat(handed).hasSize(LatestStatuses.MAX_RECENT);
		assertThat(handed.get(0).getCpuPercent()).isEqualTo(5.0);
	}

	@Test
	void sendsNothingForAnEnvironmentWithoutStateUntilItsFirstState() {
		this.latest.loaded();
		Recording listener = new Recording();
		this.latest.subscribe("env-new", listener);
		assertThat(listener.events).isEmpty();
		this.latest.status("env-new", status(Status.CREATED, null, null, 1));
		assertThat(listener.events).containsExactly("status:CREATED:change");
	}

	@Test
	void keepsOneEntryPerEnvironmentAndForgetsItOnATombstone() {
		this.latest.loaded();
		for (int i = 0; i < 100; i++) {
			this.latest.status("env-1", status(Status.RUNNING, null, null, i));
			this.latest.status("env-2", status(Status.PAUSED, null, null, i));
		}
		assertThat(this.latest.size()).isEqualTo(2);
		this.latest.status("env-1", null);
		assertThat(this.latest.size()).isEqualTo(1);
		assertThat(this.latest.status("env-1")).isNull();
		assertThat(this.latest.status("env-2").getStatus()).isEqualTo(Status.PAUSED);
	}

	@Test
	void stopsHandingOutAfterUnsubscribeAndResendsTheCurrentStateOnRequest() {
		this.latest.loaded();
		this.latest.status("env-1", status(Status.RUNNING, null, null, 1));
		Recording listener = new Recording();
		this.latest.subscribe("env-1", listener);
		this.latest.resend("env-1", listener);
		this.latest.unsubscribe("env-1", listener);
		this.latest.status("env-1", status(Status.EXITED, 1, null, 2));
		assertThat(listener.events).containsExactly("status:RUNNING", "status:RUNNING");
	}

}
