package io.envstream.schemas.db;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The nodes of a PostgreSQL {@code EXPLAIN (FORMAT JSON)} plan, flattened.
 */
record QueryPlan(List<Node> nodes) {

	private static final ObjectMapper mapper = new ObjectMapper();

	record Node(String type, String relation, String index) {
	}

	static QueryPlan parse(String explainJson) {
		try {
			List<Node> nodes = new ArrayList<>();
			walk(mapper.readTree(explainJson).get(0).get("Plan"), nodes::add);
			return new QueryPlan(List.copyOf(nodes));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Not an EXPLAIN (FORMAT JSON) result: " + explainJson, ex);
		}
	}

	private static void walk(JsonNode plan, Consumer<Node> nodes) {
		nodes.accept(new Node(plan.path("Node Type").asText(), plan.path("Relation Name").asText(null),
				plan.path("Index Name").asText(null)));
		for (JsonNode child : plan.path("Plans")) {
			walk(child, nodes);
		}
	}

	List<String> types() {
		return this.nodes.stream().map(Node::type).toList();
	}

	List<String> indexes() {
		return this.nodes.stream().map(Node::index).filter((index) -> index != null).toList();
	}

	List<String> relations() {
		return this.nodes.stream().map(Node::relation).filter((relation) -> relation != null).toList();
	}

}
