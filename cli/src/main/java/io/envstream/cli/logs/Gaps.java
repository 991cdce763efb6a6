package io.envstream.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code gap} message in words, for stderr. */
final class Gaps {

	private Gaps() {
	}

	static String describe(JsonNode gap) {
		String reason = gap.path("reason").asText("");
		String why = switch (reason) {
			case "retention" -> "retention removed them before they were read";
			case "skipped" -> "they were skipped to reach the live tail";
			case "reset" -> "the cursor belongs to an earlier incarnation of the log topic";
			default -> reason.isEmpty() ? "the gateway gave no reason" : "reason: " + reason;
		};
		return "some lines are missing here (" + why + "); they lie strictly between cursor "
				+ gap.path("from").asText("?") + " and cursor " + gap.path("to").asText("?")
				+ "; envstream logs --resume " + gap.path("from").asText("?") + " reads from there";
	}

}
