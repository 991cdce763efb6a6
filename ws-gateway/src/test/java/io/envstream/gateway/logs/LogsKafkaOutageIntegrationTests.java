package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.List;

import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import io.envstream.schemas.topics.TopicProvisioner;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Degraded, not down: while Kafka is away, clients stay connected, and the stream goes on when it returns. */
class LogsKafkaOutageIntegrationTests {

	@Test
	void keepsClientsConnectedThroughABrokerOutageAndStreamsAgainAfterIt() throws Exception {
		try (KafkaFixture cluster = KafkaFixture.startCluster(1)) {
			new TopicProvisioner(cluster.admin(), GatewayInstance.PARTITIONS, (short) 1).provision(List.of(Topics.LOGS));
			try (GatewayInstance gateway = GatewayInstance.start("--spring.kafka.bootstrap-servers=" + cluster.bootstrapServers());
					Environments environments = new Environments(cluster)) {
				String environment = Environments.newId("outage");
				environments.create(environment, "olga", null);
				try (WsClient client = WsClient.connect(gateway.logsUrl(environment, "tail=0&token=" + JWT.token("olga")))) {
					await().until(() -> !client.ofType("live").isEmpty());
					environments.write(environment, Stream.STDOUT, 3);
					await().until(() -> client.seqs().size() == 3);
					// when: the only broker goes away for a while
					int broker = cluster.brokerIds().iterator().next();
					cluster.stopBroker(broker);
					await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !client.closed.isDone());
					cluster.restartBroker(broker);
					// then: the same connection receives what is written after it returned
					await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> environments.write(environment, Stream.STDOUT, 3));
					await().atMost(Duration.ofSeconds(60)).until(() -> client.seqs().size() >= 6);
					assertThat(client.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
					assertThat(client.closed).isNotDone();
				}
			}
		}
	}

}
