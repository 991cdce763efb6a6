package io.envstream.gateway.claims;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.Status;
import io.envstream.schemas.topics.Topics;
import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.PostgresFixture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The claim of an environment through the real gateway, PostgreSQL and broker: only an admin sees it and moves
 * it, a move reaches both the {@code environments} row and {@code envstream.environments.claims}, and the state an
 * impostor host reports never shows as the environment's.
 */
class ClaimsIntegrationTests {

	private static final ObjectMapper json = new ObjectMapper();

	private static final String ADMIN = JWT.token("root", null, "envstream:admin");

	private static GatewayInstance gateway;

	private static Environments environments;

	private final JdbcClient jdbc = JdbcClient.create(PostgresFixture.shared().dataSource());

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<AutoCloseable> opened = new ArrayList<>();

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

	@AfterEach
	void closeOpened() throws Exception {
		for (AutoCloseable closeable : this.opened) {
			closeable.close();
		}
	}

	@Test
	void adminMovesAnEnvironmentToAnotherHostInPostgresAndOnTheClaimsTopic() throws Exception {
		// given
		String environment = ownedByAnn("move");

		// when
		HttpResponse<String> response = post(environment, "{\"hostId\":\"host-2\"}", ADMIN);

		// then
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode claim = json.readTree(response.body());
		assertThat(claim.path("hostId").asText()).isEqualTo("host-2");
		assertThat(claim.path("owner").asText()).isEqualTo("ann");
		assertThat(row(environment)).containsEntry("host_id", "host-2")
			.containsEntry("owner", "ann")
			.containsEntry("container_id", null)
			.containsEntry("agent_url", null);
		EnvironmentClaim published = published(environment);
		assertThat(published.getHostId()).isEqualTo("host-2");
		assertThat(published.getOwner()).isEqualTo("ann");
		assertThat(published.getOwnerKnown()).isTrue();
		assertThat(published.getClaimedBy()).isEqualTo("root");
	}

	@Test
	void nonAdminMoveIsForbiddenEvenForTheOwnerAndChangesNothing() throws Exception {
		String environment = ownedByAnn("forbidden");

		HttpResponse<String> response = post(environment, "{\"hostId\":\"host-2\"}", JWT.token("ann"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json.readTree(response.body()).path("message").asText())
			.isEqualTo("only an admin may see or move a claim");
		assertThat(row(environment)).containsEntry("host_id", "host-1")
			.containsEntry("agent_url", "ws://host-1:8081/internal/terminal");
		assertThat(get(environment, JWT.token("ann")).statusCode()).isEqualTo(403);
	}

	@Test
	void moveWithoutHostOrOfAnUnknownEnvironmentIsRefusedClearly() throws Exception {
		String environment = ownedByAnn("bad-move");

		HttpResponse<String> noHost = post(environment, "{\"owner\":\"bob\"}", ADMIN);
		HttpResponse<String> unknown = post("nowhere-" + UUID.randomUUID(), "{\"hostId\":\"host-2\"}", ADMIN);

		assertThat(noHost.statusCode()).isEqualTo(400);
		assertThat(json.readTree(noHost.body()).path("message").asText())
			.isEqualTo("hostId is required: the host to move to");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(row(environment)).containsEntry("host_id", "host-1").containsEntry("owner", "ann");
	}

	@Test
	void adminSeesTheClaimAndTheRefusedDescriptors() throws Exception {
		// given a descriptor the persister refused
		String environment = ownedByAnn("refusals");
		this.jdbc.sql("""
				INSERT INTO environment_claim_refusals (environment_id, kafka_partition, kafka_offset, reason,
				  host_id, container_id, owner, team, claimed_host_id, claimed_owner, claimed_team, published_at)
				VALUES (?, 0, 7, 'host', 'host-9', 'c-9', 'mallory', NULL, 'host-1', 'ann', NULL, now())""")
			.params(environment)
			.update();

		// when
		HttpResponse<String> response = get(environment, ADMIN);

		// then
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode claim = json.readTree(response.body());
		assertThat(claim.path("hostId").asText()).isEqualTo("host-1");
		assertThat(claim.path("refusals")).hasSize(1);
		JsonNode refusal = claim.path("refusals").get(0);
		assertThat(refusal.path("reason").asText()).isEqualTo("host");
		assertThat(refusal.path("hostId").asText()).isEqualTo("host-9");
		assertThat(refusal.path("owner").asText()).isEqualTo("mallory");
		assertThat(refusal.path("claimedHostId").asText()).isEqualTo("host-1");
	}

	@Test
	void stateReportedByAnotherHostShowsNeitherInTheListNorOnTheStatusEndpoint() throws Exception {
		// given the environment's own host reports it running
		String environment = ownedByAnn("status");
		environments.status(environment, "host-1", Status.RUNNING);
		await().untilAsserted(() -> assertThat(listed(environment).path("status").asText()).isEqualTo("running"));

		// when an impostor host reports a state for the same id
		environments.status(environment, "host-2", Status.EXITED);

		// then the list no longer shows a state it cannot vouch for, and never the impostor's
		await().untilAsserted(() -> assertThat(listed(environment).path("status").isNull()).isTrue());
		WsClient client = WsClient.connect(gateway.statusUrl(environment, null), "envstream.v1",
				"bearer." + JWT.token("ann"));
		this.opened.add(client);
		environments.status(environment, "host-1", Status.PAUSED);
		await().untilAsserted(() -> assertThat(client.ofType("status")).isNotEmpty());
		assertThat(client.ofType("status")).extracting((status) -> status.path("status").asText())
			.containsExactly("paused");
		assertThat(listed(environment).path("status").asText()).isEqualTo("paused");
	}

	private static String ownedByAnn(String prefix) {
		String environment = Environments.newId("claim-" + prefix);
		environments.createWithAgent(environment, "ann", "c-1", "host-1", "ws://host-1:8081/internal/terminal");
		return environment;
	}

	private Map<String, Object> row(String environment) {
		return this.jdbc.sql("SELECT host_id, owner, container_id, agent_url FROM environments WHERE environment_id = ?")
			.params(environment)
			.query()
			.singleRow();
	}

	private JsonNode listed(String environment) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.httpUrl("/api/v1/environments")))
			.header("Authorization", "Bearer " + JWT.token("ann"))
			.build();
		JsonNode list = json.readTree(this.http.send(request, HttpResponse.BodyHandlers.ofString()).body());
		return list.get(list.findValuesAsText("id").indexOf(environment));
	}

	private HttpResponse<String> post(String environment, String body, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(claimUrl(environment)))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String environment, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(claimUrl(environment)))
			.header("Authorization", "Bearer " + token)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String claimUrl(String environment) {
		return gateway.httpUrl("/api/v1/environments/" + environment + "/claim");
	}

	private static EnvironmentClaim published(String environment) {
		try (KafkaConsumer<String, EnvironmentClaim> consumer = new KafkaConsumer<>(
				KafkaFixture.shared().consumerProps("claims-" + UUID.randomUUID()), new StringDeserializer(),
				Topics.CLAIMS.valueSerde().deserializer())) {
			consumer.subscribe(List.of(Topics.CLAIMS.name()));
			List<EnvironmentClaim> found = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, EnvironmentClaim> record : consumer.poll(Duration.ofMillis(200))) {
					if (environment.equals(record.key())) {
						found.add(record.value());
					}
				}
				return !found.isEmpty();
			});
			return found.get(0);
		}
	}

}
