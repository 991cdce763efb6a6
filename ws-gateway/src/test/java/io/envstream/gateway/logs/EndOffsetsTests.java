package io.envstream.gateway.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndOffsetsTests {

	/** The requests sent, in order, each answered when the test says. */
	private final List<Request> requests = new ArrayList<>();

	private final EndOffsets endOffsets = new EndOffsets((partitions) -> {
		Request request = new Request(Set.copyOf(partitions), new CompletableFuture<>());
		this.requests.add(request);
		return request.answer();
	});

	@Test
	void callersWhileARequestIsOutShareTheNextOne() throws Exception {
		CompletableFuture<Long> first = this.endOffsets.of(3);
		CompletableFuture<Long> second = this.endOffsets.of(3);
		CompletableFuture<Long> third = this.endOffsets.of(5);
		assertThat(this.requests).extracting(Request::partitions).containsExactly(Set.of(3));

		this.requests.get(0).answer().complete(Map.of(3, 100L));

		assertThat(first.get()).isEqualTo(100L);
		assertThat(this.requests).extracting(Request::partitions).containsExactly(Set.of(3), Set.of(3, 5));
		assertThat(second).isNotDone();
		this.requests.get(1).answer().complete(Map.of(3, 120L, 5, 7L));
		assertThat(second.get()).isEqualTo(120L);
		assertThat(third.get()).isEqualTo(7L);
	}

	@Test
	void aCallerNeverGetsAnEndReadBeforeItAsked() throws Exception {
		CompletableFuture<Long> early = this.endOffsets.of(1);
		CompletableFuture<Long> late = this.endOffsets.of(1);

		this.requests.get(0).answer().complete(Map.of(1, 10L));

		assertThat(early.get()).isEqualTo(10L);
		assertThat(late).as("asked after the first request was sent").isNotDone();
		this.requests.get(1).answer().complete(Map.of(1, 11L));
		assertThat(late.get()).isEqualTo(11L);
	}

	@Test
	void aFailedRequestFailsItsCallersAndTheNextIsStillSent() throws Exception {
		CompletableFuture<Long> failing = this.endOffsets.of(2);
		CompletableFuture<Long> waiting = this.endOffsets.of(2);

		this.requests.get(0).answer().completeExceptionally(new IllegalStateException("broker gone"));

		assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class).hasMessageContaining("broker gone");
		this.requests.get(1).answer().complete(Map.of(2, 4L));
		assertThat(waiting.get()).isEqualTo(4L);
		assertThat(this.endOffsets.of(2)).isNotDone();
		assertThat(this.requests).as("a request for each caller that asked with none out").hasSize(3);
	}

	@Test
	void aPartitionMissingFromTheAnswerFailsItsCallerWithItsNumber() {
		CompletableFuture<Long> missing = this.endOffsets.of(9);

		this.requests.get(0).answer().complete(Map.of());

		assertThatThrownBy(missing::get).hasMessageContaining("no end offset read for partition 9");
	}

	private record Request(Set<Integer> partitions, CompletableFuture<Map<Integer, Long>> answer) {
	}

}
