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

	private final LatestStatuses latest = new LatestStatuses();

	/**
	 * Records what it is handed as {@code status:<state>[:change]}, {@code metrics:<cpu>[:change]} and
	 * {@code alert:<id>}.
	 */
	static final class Recording implements StatusListener {

		final List<String> events = new ArrayList<>();

		@Override
		public void status(EnvironmentStatus status, boolean change) {
			this.events.add("status:" + status.getStatus() + (change ? ":change" : ""));
		}

		@Override
		public void metrics(ContainerMetrics metrics, boolean change) {
			this.events.add("metrics:" + metrics.getCpuPercent() + (change ? ":change" : ""));
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
	void givesANewListenerTheCurrentStateFirstAndTheSampleOfTheRunningContainer() {
		this.latest.loaded();
		this.latest.status("env-1", status(Status.RUNNING, null, null, 1));
		this.latest.metrics("env-1", sample("c-1", 12.5, 1, 1, 2));
		this.latest.metrics("env-2", sample("c-9", 99, 1, 1, 2));

		Recording late = new Recording();
		this.latest.subscribe("env-1", late);
		this.latest.metrics("env-1", sample("c-1", 13.5, 1, 1, 3));
		assertThat(late.events).containsExactly("status:RUNNING", "metrics:12.5", "metrics:13.5:change");
	}

	@Test
	void forgetsTheSampleOnceTheContainerStopsAndOffersNoneOfAnotherContainer() {
		this.latest.loaded();
		this.latest.status("env-1", status(Status.RUNNING, null, null, 1));
		this.latest.metrics("env-1", sample("c-1", 12.5, 1, 1, 2));
		this.latest.status("env-1", status(Status.EXITED, 0, null, 3));
		Recording afterExit = new Recording();
		this.latest.subscribe("env-1", afterExit);
		assertThat(afterExit.events).containsExactly("status:EXITED");

		this.latest.status("env-1", status(Status.RUNNING, null, null, 4));
		this.latest.metrics("env-1", sample("c-old", 50, 1, 1, 5));
		Recording otherContainer = new Recording();
		this.latest.subscribe("env-1", otherContainer);
		assertThat(otherContainer.events).containsExactly("status:RUNNING");
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
