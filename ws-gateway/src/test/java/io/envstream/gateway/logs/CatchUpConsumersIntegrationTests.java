package io.envstream.gateway.logs;

import java.util.List;
import java.util.stream.LongStream;

import io.envstream.gateway.Environments;
import io.envstream.gateway.Environments.Written;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Catch-up reads one after another share one Kafka consumer ({@link CatchUpConsumers}), and a
 * consumer that read one partition reads another, or the same one from an earlier offset, with
 * nothing of the read before: each resume gets exactly the lines after its cursor, then live ones.
 */
class CatchUpConsumersIntegrationTests {

	private static GatewayInstance gateway;

	private static Environments environments;

	@BeforeAll
	static void start() {
		gateway = GatewayInstance.start();
		environments = new Environments();
	}

	@AfterAll
	static void stop() {
		environments.close();
		gateway.close();
	}

	@Test
	void resumesOneAfterAnotherShareOneConsumerAndGetOnlyTheirOwnLines() {
		String first = newEnvironment("reuse-a");
		Written firstLines = environments.write(first, Stream.STDOUT, 10);
		String second;
		Written secondLines;
		do {
			second = newEnvironment("reuse-b");
			secondLines = environments.write(second, Stream.STDOUT, 10);
		}
		while (secondLines.partition() == firstLines.partition());

		assertResumedAfter(first, firstLines, 7, range(9, 10));
		assertResumedAfter(second, secondLines, 5, range(7, 10));
		// the first partition again, from further back than the consumer read there (seq 11 came live)
		assertResumedAfter(first, firstLines, 3, range(5, 11));

		assertThat(gateway.counter("envstream.gateway.catchup.consumers.created"))
			.as("consumers made for three catch-up reads, one after another")
			.isEqualTo(1);
	}

	/** Resumes after the batch's line at {@code index} (seq {@code index + 1}), gets {@code expected}, then a live line. */
	private static void assertResumedAfter(String environment, Written batch, int index, List<Long> expected) {
		String cursor = CursorCodec.encode(new Cursor(batch.partition(), batch.offset(), index));
		try (WsClient client = WsClient.connect(
				gateway.logsUrl(environment, "token=" + JWT.token("alice") + "&resume=" + cursor))) {
			await().until(() -> !client.ofType("live").isEmpty());
			assertThat(client.seqs()).isEqualTo(expected);
			environments.write(environment, Stream.STDOUT, 1);
			long next = expected.get(expected.size() - 1) + 1;
			await().until(() -> client.seqs().contains(next));
			assertThat(client.seqs()).containsExactlyElementsOf(range(expected.get(0), next));
			assertThat(client.violations).isEmpty();
		}
		// the read gives its consumer back once it handed the client to live
		await().until(() -> gateway.gauge("envstream.gateway.catchup.readers") == 0);
	}

	private static String newEnvironment(String prefix) {
		String id = Environments.newId(prefix);
		environments.create(id, "alice", "red");
		return id;
	}

	private static List<Long> range(long first, long last) {
		return LongStream.rangeClosed(first, last).boxed().toList();
	}

}
