package io.envstream.schemas.protocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document is consistent with the JSON Schemas: its references resolve,
 * it references every schema, and each channel carries exactly its endpoint's messages.
 */
class AsyncApiDocumentTests {

	private final JsonNode asyncApi = ProtocolFiles.readYaml(ProtocolFiles.asyncApi());

	@Test
	void isAnAsyncApi3DocumentWithTheThreeChannels() {
		assertThat(this.asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
		assertThat(this.asyncApi.path("channels").findValuesAsText("address")).containsExactly(
				"/api/v1/ws/environments/{id}/logs", "/api/v1/ws/environments/{id}/terminal",
				"/api/v1/ws/environments/{id}/status");
		assertThat(this.asyncApi.path("x-close-codes").findValuesAsText("code")).containsExactly("4401", "4404",
				"4403", "4429", "1000", "1001", "1008", "1009", "1011");
	}

	@Test
	void everyReferenceResolves() {
		List<String> unresolved = new ArrayList<>();
		for (String ref : refs(this.asyncApi)) {
			if (ref.startsWith("#")) {
				check(this.asyncApi, ref, ref, unresolved);
				continue;
			}
			String[] fileAndPointer = ref.split("#", 2);
			Path file = ProtocolFiles.protocolDirectory().resolve(fileAndPointer[0]).normalize();
			if (!Files.isRegularFile(file)) {
				unresolved.add(ref + " (no such file)");
			}
			else if (fileAndPointer.length == 2) {
				check(ProtocolFiles.readJson(file), "#" + fileAndPointer[1], ref, unresolved);
			}
		}
		assertThat(unresolved).isEmpty();
	}

	@Test
	void referencesEverySchemaFile() {
		Set<String> referenced = new TreeSet<>();
		for (String ref : refs(this.asyncApi)) {
			if (!ref.startsWith("#")) {
				Path file = ProtocolFiles.protocolDirectory().resolve(ref.split("#", 2)[0]).normalize();
				referenced.add(ProtocolFiles.protocolDirectory().relativize(file).toString());
			}
		}
		assertThat(referenced).containsExactlyInAnyOrderElementsOf(ProtocolFiles.schemaNames().stream()
			.map((name) -> "json-schema/" + name + ProtocolFiles.SCHEMA_SUFFIX)
			.toList());
	}

	@Test
	void eachChannelSendsItsServerMessagesAndReceivesItsClientMessages() {
		for (String channel : List.of("logs", "terminal", "status")) {
			assertThat(operationMessages(channel, "send")).as(channel + " send")
				.containsExactlyElementsOf(ProtocolSchemas.members(channel + "-server-message"));
			assertThat(operationMessages(channel, "receive")).as(channel + " receive")
				.containsExactlyElementsOf(ProtocolSchemas.members(channel + "-client-message"));
			assertThat(fieldNames(this.asyncApi.path("channels").path(channel).path("messages")))
				.containsExactlyInAnyOrderElementsOf(union(operationMessages(channel, "send"),
						operationMessages(channel, "receive")));
		}
	}

	@Test
	void everyMessagePayloadIsTheSchemaOfTheSameName() {
		for (Map.Entry<String, JsonNode> message : this.asyncApi.path("components").path("messages").properties()) {
			assertThat(message.getValue().path("payload").path("schema").path("$ref").asText()).as(message.getKey())
				.isEqualTo("./json-schema/" + message.getKey() + ProtocolFiles.SCHEMA_SUFFIX);
		}
	}

	/** Message names of the channel's operations with the given action, in document order. */
	private List<String> operationMessages(String channel, String action) {
		List<String> messages = new ArrayList<>();
		for (JsonNode operation : this.asyncApi.path("operations")) {
			if (operation.path("action").asText().equals(action)
					&& operation.path("channel").path("$ref").asText().equals("#/channels/" + channel)) {
				for (String ref : operation.path("messages").findValuesAsText("$ref")) {
					messages.add(ref.substring(ref.lastIndexOf('/') + 1));
				}
			}
		}
		return messages;
	}

	private static void check(JsonNode document, String fragment, String ref, List<String> unresolved) {
		if (document.at(JsonPointer.compile(fragment.substring(1))).isMissingNode()) {
			unresolved.add(ref);
		}
	}

	private static List<String> refs(JsonNode node) {
		return node.findValuesAsText("$ref");
	}

	private static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.fieldNames().forEachRemaining(names::add);
		return names;
	}

	private static List<String> union(List<String> first, List<String> second) {
		List<String> both = new ArrayList<>(first);
		both.addAll(second);
		return both;
	}

}
