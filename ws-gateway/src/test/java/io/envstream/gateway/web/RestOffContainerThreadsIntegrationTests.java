package io.envstream.gateway.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envstream.gateway.Environments;
import io.envstream.gateway.GatewayInstance;
import io.envstream.gateway.LockedEnvironments;
import io.envstream.gateway.WsClient;
import io.envstream.schemas.avro.Stream;
import org.junit.jupiter.api.Test;

import static io.envstream.gateway.GatewayInstance.JWT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * REST requests wait for PostgreSQL off the container's threads ({@link RestWork}). Tomcat completes every
 * frame sent to any WebSocket client on one of its threads, so requests waiting there would hold every
 * client's next frame. Here the gateway has 10 container threads, and as many history requests wait for their
 * access check on a table the test holds locked.
 */
class RestOffContainerThreadsIntegrationTests {

	private static final int CONTAINER_THREADS = 10;

	@Test
	void liveLinesReachOpenConnectionsWhileRestRequestsWaitForPostgres() throws Exception {
		// given
		ExecutorService requesters = Executors.newFixedThreadPool(CONTAINER_THREADS);
		try (GatewayInstance gateway = start(); Environments environments = new Environments()) {
			String watched = Environments.newId("rest-threads-watched");
			String queried = Environments.newId("rest-threads-queried");
			environments.create(watched, "alice", null);
			environments.create(queried, "alice", null);
			environments.persist(environments.write(queried, Stream.STDOUT, List.of("stored")));
			String token = JWT.token("alice");
			try (WsClient watcher = WsClient.connect(gateway.logsUrl(watched, "tail=0&token=" + token))) {
				await().until(() -> !watcher.ofType("live").isEmpty());
				List<Future<HttpResponse<String>>> requests = new ArrayList<>();
				try (LockedEnvironments lock = LockedEnvironments.lock()) {
					for (int i = 0; i < CONTAINER_THREADS; i++) {
						requests.add(requesters
							.submit(() -> gateway.get("/api/v1/environments/" + queried + "/logs", token)));
					}
					await().atMost(Duration.ofSeconds(30)).until(() -> LockedEnvironments.waiting() >= 8);
					// when lines are written one at a time, then each reaches the open connection
					LockedEnvironments.awaitLinesOneAtATime(environments, watched, watcher,
							CONTAINER_THREADS + " REST requests wait");
					assertThat(requests).noneMatch(Future::isDone);
					lock.release();
				}
				// and once the table is free, every request is answered
				for (Future<HttpResponse<String>> request : requests) {
					HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
					assertThat(response.statusCode()).isEqualTo(200);
					assertThat(response.body()).contains("\"message\":\"stored\"");
				}
			}
		}
		finally {
			requesters.shutdownNow();
		}
	}

	@Test
	void aRequestNotAnsweredWithinTheTimeoutGets503AndTheApiErrorBody() throws Exception {
		// given
		ExecutorService requester = Executors.newSingleThreadExecutor();
		try (GatewayInstance gateway = GatewayInstance.start("--spring.mvc.async.request-timeout=1s");
				Environments environments = new Environments()) {
			String environment = Environments.newId("rest-threads-timeout");
			environments.create(environment, "alice", null);
			String token = JWT.token("alice");
			try (LockedEnvironments lock = LockedEnvironments.lock()) {
				// when
				HttpResponse<String> response = requester
					.submit(() -> gateway.get("/api/v1/environments/" + environment + "/logs", token))
					.get(20, TimeUnit.SECONDS);
				// then
				assertThat(response.statusCode()).isEqualTo(503);
				JsonNode body = new ObjectMapper().readTree(response.body());
				assertThat(body.get("status").asInt()).isEqualTo(503);
				assertThat(body.get("message").asText())
					.isEqualTo("not answered within the gateway's request timeout (spring.mvc.async.request-timeout)");
				lock.release();
			}
			// and the next request, with the table free, is answered
			assertThat(gateway.get("/api/v1/environments/" + environment + "/logs", token).statusCode())
				.isEqualTo(200);
		}
		finally {
			requester.shutdownNow();
		}
	}

	private static GatewayInstance start() {
		return GatewayInstance.start("--server.tomcat.threads.max=" + CONTAINER_THREADS,
				"--server.tomcat.threads.min-spare=" + CONTAINER_THREADS);
	}

}
