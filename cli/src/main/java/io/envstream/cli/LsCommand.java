package io.envstream.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The environments the caller may see: a table, a wider one, or the gateway's JSON. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
		description = "List the environments you may see, with status, host, owner and image.")
final class LsCommand implements Callable<Integer> {

	enum Format {

		table, wide, json

	}

	private final Io io;

	@Mixin
	ConnectionOptions connection;

	@Option(names = { "-l", "--selector" }, paramLabel = "SELECTOR",
			description = "Only environments that match, e.g. team=web,status!=exited (keys: id, name, image, host, owner, team, status).")
	String selector;

	@Option(names = { "-o", "--output" }, paramLabel = "FORMAT", defaultValue = "table",
			description = "table (default), wide (also team, exit code, health, since when, permissions) or json.")
	Format format;

	LsCommand(Io io) {
		this.io = io;
	}

	@Override
	public Integer call() throws JsonProcessingException {
		Selector filter = (this.selector != null) ? Selector.parse(this.selector) : null;
		ArrayNode shown = Gateway.JSON.createArrayNode();
		for (JsonNode environment : new Gateway(this.connection.target(this.io)).environments()) {
			if (filter == null || filter.matches(environment)) {
				shown.add(environment);
			}
		}
		if (this.format == Format.json) {
			this.io.out().println(Gateway.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(shown));
			return Exit.OK;
		}
		boolean wide = this.format == Format.wide;
		Table table = wide ? new Table("ID", "STATUS", "HOST", "OWNER", "IMAGE", "TEAM", "EXIT", "HEALTH", "SINCE", "PERMISSIONS")
				: new Table("ID", "STATUS", "HOST", "OWNER", "IMAGE");
		for (JsonNode environment : shown) {
			String status = environment.path("removed").asBoolean() ? "removed" : text(environment, "status");
			if (wide) {
				table.row(text(environment, "id"), status, text(environment, "hostId"), text(environment, "owner"),
						text(environment, "image"), text(environment, "team"), text(environment, "exitCode"),
						text(environment, "health"), text(environment, "statusAt"),
						String.join(",", Gateway.JSON.convertValue(environment.path("permissions"), String[].class)));
			}
			else {
				table.row(text(environment, "id"), status, text(environment, "hostId"), text(environment, "owner"),
						text(environment, "image"));
			}
		}
		table.print(this.io.out());
		if (shown.isEmpty()) {
			this.io.err().println((filter != null) ? "no environment matches " + this.selector : "no environments visible");
		}
		return Exit.OK;
	}

	private static String text(JsonNode environment, String field) {
		JsonNode node = environment.get(field);
		return (node == null || node.isNull()) ? "-" : node.asText();
	}

}
