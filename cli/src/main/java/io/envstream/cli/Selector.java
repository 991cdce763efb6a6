package io.envstream.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A label selector as kubectl takes it ({@code team=web,status!=exited}), over the fields the gateway lists for an
 * environment: {@code id}, {@code name}, {@code image}, {@code host}, {@code owner}, {@code team}, {@code status}.
 * Every requirement must hold.
 */
public final class Selector {

	/** Selector keys and the field of {@code GET /api/v1/environments} each reads. */
	static final Map<String, String> FIELDS = Map.of("id", "id", "name", "name", "image", "image", "host", "hostId",
			"hostId", "hostId", "owner", "owner", "team", "team", "status", "status");

	private record Requirement(String field, String value, boolean equal) {

		boolean matches(JsonNode environment) {
			JsonNode node = environment.get(this.field);
			String actual = (node == null || node.isNull()) ? "" : node.asText();
			return actual.equals(this.value) == this.equal;
		}

	}

	private final List<Requirement> requirements;

	private Selector(List<Requirement> requirements) {
		this.requirements = requirements;
	}

	/** @throws CliException (usage) naming what is wrong with the selector */
	public static Selector parse(String text) {
		List<Requirement> requirements = new ArrayList<>();
		for (String part : text.split(",")) {
			String term = part.strip();
			if (term.isEmpty()) {
				continue;
			}
			boolean equal = !term.contains("!=");
			String[] keyValue = term.split(equal ? "==?" : "!=", 2);
			if (keyValue.length != 2 || keyValue[0].isBlank()) {
				throw new CliException(Exit.USAGE, "selector " + term + " is not key=value or key!=value");
			}
			String key = keyValue[0].strip();
			String field = FIELDS.get(key);
			if (field == null) {
				throw new CliException(Exit.USAGE, "selector key " + key
						+ " is not one of id, name, image, host, owner, team, status");
			}
			requirements.add(new Requirement(field, keyValue[1].strip(), equal));
		}
		if (requirements.isEmpty()) {
			throw new CliException(Exit.USAGE, "an empty selector: give key=value");
		}
		return new Selector(List.copyOf(requirements));
	}

	public boolean matches(JsonNode environment) {
		return this.requirements.stream().allMatch((requirement) -> requirement.matches(environment));
	}

	/** The ids of the listed environments that match. */
	public List<String> ids(JsonNode environments) {
		List<String> ids = new ArrayList<>();
		environments.forEach((environment) -> {
			if (matches(environment)) {
				ids.add(environment.path("id").asText());
			}
		});
		return ids;
	}

}
