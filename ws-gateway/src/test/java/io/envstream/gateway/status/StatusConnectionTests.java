package io.envstream.gateway.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.Status;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import static io.envstream.gateway.status.StatusMessagesTests.alert;
import static io.envstream.gateway.status.StatusMessagesTests.sample;
import static io.envstream.gateway.status.StatusMessagesTests.status;
import static org.assertj.core.api.Assertions.assertThat;

class StatusConnectionTests {

	private final AtomicInteger kicks = new AtomicInteger();

	private final StatusConnection connection = new StatusConnection(null, "env-1", null, null,
			(c) -> this.kicks.incrementAndGet());

	private List<StatusFrame> drain() {
		List<StatusFrame> frames = new ArrayList<>();
		StatusFrame frame;
		while ((frame = this.connection.take()) != null) {
			frames.add(frame);
		}
		return frames;
	}

	@Test
	void asksForOneDrainAtATimeAndKeepsTheOrder() {
		this.connection.status(status(Status.RUNNING, null, null, 1), false);
		this.connection.metrics(sample("c-1", 1, 1, 1, 2));
		this.connection.status(status(Status.EXITED, 0, null, 3), true);
		assertThat(this.kicks).hasValue(1);
		List<StatusFrame> frames = drain();
		assertThat(frames).extracting(StatusFrame::metrics).containsExactly(false, true, false);
		assertThat(frames).extracting(StatusFrame::timestampMillis).containsExactly(0L, 2L, 3L);

		this.connection.ping();
		assertThat(this.kicks).hasValue(2);
		assertThat(drain()).singleElement().satisfies((frame) -> assertThat(frame.ping()).isTrue());
	}

	@Test
	void sendsOnlyTheStatesAndSamplesOfTheHostTheEnvironmentBelongsTo() {
		StatusConnection claimed = new StatusConnection(null, "env-1", null, "host-1", (c) -> {
		});
		EnvironmentStatus impostor = EnvironmentStatus.newBuilder(status(Status.EXITED, 1, null, 2))
			.setHostId("host-2")
			.build();
		ContainerMetrics impostorSample = ContainerMetrics.newBuilder(sample("c-9", 1, 1, 1, 3))
			.setHostId("host-2")
			.build();

		claimed.status(status(Status.RUNNING, null, null, 1), true);
		claimed.status(impostor, true);
		claimed.metrics(impostorSample);

		assertThat(claimed.take().timestampMillis()).isEqualTo(1L);
		assertThat(claimed.take()).isNull();
	}

	@Test
	void sendsAlertsOnlyOnceSubscribedAndWhateverTheClaimedHost() {
		StatusConnection claimed = new StatusConnection(null, "env-1", null, "host-1", (c) -> {
		});
		claimed.alert(alert("env-1", "before", 1));
		assertThat(claimed.take()).isNull();

		claimed.receiveAlerts(true);
		claimed.alert(alert("env-1", "subscribed", 2));
		claimed.receiveAlerts(false);
		claimed.alert(alert("env-1", "after", 3));

		StatusFrame frame = claimed.take();
		assertThat(frame.json()).contains("\"type\":\"alert\"").contains("\"summary\":\"subscribed\"");
		assertThat(frame.timestampMillis()).isZero();
		assertThat(frame.metrics()).isFalse();
		assertThat(claimed.take()).isNull();
	}

	@Test
	void sendsTheRecentSamplesOfTheClaimedHostAsOneFrameThatANewerSampleDoesNotReplace() {
		StatusConnection claimed = new StatusConnection(null, "env-1", null, "host-1", (c) -> {
		});
		ContainerMetrics impostorSample = ContainerMetrics.newBuilder(sample("c-9", 9, 1, 1, 2))
			.setHostId("host-2")
			.build();
		claimed.recentMetrics(List.of(sample("c-1", 1, 1, 1, 1), impostorSample, sample("c-1", 3, 1, 1, 3)));
		claimed.metrics(sample("c-1", 4, 1, 1, 4));

		StatusFrame history = claimed.take();
		assertThat(history.json()).startsWith("{\"type\":\"metrics\",\"cpu\":3,")
			.contains("\"recent\":[{\"cpu\":1,")
			.doesNotContain("\"cpu\":9");
		assertThat(claimed.take().timestampMillis()).isEqualTo(4L);
		assertThat(claimed.take()).isNull();

		claimed.receiveMetrics(false);
		claimed.recentMetrics(List.of(sample("c-1", 5, 1, 1, 5)));
		assertThat(claimed.take()).isNull();
	}

	@Test
	void replacesAnUnsentSampleWithTheNewerOne() {
		this.connection.metrics(sample("c-1", 1, 1, 1, 1));
		this.connection.metrics(sample("c-1", 2, 1, 1, 2));
		this.connection.metrics(sample("c-1", 3, 1, 1, 3));
		assertThat(drain()).extracting(StatusFrame::timestampMillis).containsExactly(3L);
	}

	@Test
	void sendsNoSampleOnceUnsubscribedNotEvenOneAlreadyWaiting() {
		this.connection.metrics(sample("c-1", 1, 1, 1, 1));
		this.connection.receiveMetrics(false);
		this.connection.metrics(sample("c-1", 2, 1, 1, 2));
		this.connection.status(status(Status.EXITED, 0, null, 3), true);
		assertThat(drain()).extracting(StatusFrame::metrics).containsExactly(false);
		this.connection.receiveMetrics(true);
		this.connection.metrics(sample("c-1", 4, 1, 1, 4));
		assertThat(drain()).extracting(StatusFrame::timestampMillis).containsExactly(4L);
	}

	@Test
	void closesAClientThatLetsTooManyStatesPileUp() {
		for (int i = 0; i < StatusConnection.MAX_QUEUED + 10; i++) {
			this.connection.status(status(Status.RUNNING, null, null, i), true);
		}
		List<StatusFrame> frames = drain();
		assertThat(frames).last().extracting(StatusFrame::close).isEqualTo(StatusConnection.TOO_SLOW);
		assertThat(frames).hasSizeLessThanOrEqualTo(StatusConnection.MAX_QUEUED + 1);
		this.connection.status(status(Status.EXITED, 0, null, 1), true);
		assertThat(drain()).isEmpty();
	}

	@Test
	void closesAfterWhatIsQueued() {
		this.connection.status(status(Status.RUNNING, null, null, 1), false);
		this.connection.closeAfterQueued(new CloseStatus(1001, "server shutting down"));
		this.connection.status(status(Status.EXITED, 0, null, 2), true);
		assertThat(drain()).extracting((frame) -> frame.close() != null).containsExactly(false, true);
	}

}
