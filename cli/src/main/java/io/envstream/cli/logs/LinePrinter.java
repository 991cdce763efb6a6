package io.envstream.cli.logs;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envstream.cli.Gateway;

/**
 * Prints lines as {@code -o} asks: {@code text} (the message, after the environment's name when several are merged,
 * coloured per environment on a terminal, and the time with {@code --timestamps}), {@code json} (one object per line:
 * environment, timestamp, stream, message, cursor, seq, host) or {@code raw} (the message alone).
 */
final class LinePrinter {

	enum Format {

		text, json, raw

	}

	/** Cyan, green, magenta, yellow, blue, red: stern's order. */
	private static final int[] COLOURS = { 36, 32, 35, 33, 34, 31 };

	private final PrintStream out;

	private final Format format;

	private final List<String> environments;

	private final boolean prefix;

	private final boolean colour;

	private final boolean timestamps;

	private int width;

	/** @param prefix whether a text line starts with its environment's name (several merged, or more to come) */
	LinePrinter(PrintStream out, Format format, List<String> environments, boolean prefix, boolean colour,
			boolean timestamps) {
		this.out = out;
		this.format = format;
		this.environments = new ArrayList<>(environments);
		this.prefix = prefix;
		this.colour = colour;
		this.timestamps = timestamps;
		this.width = environments.stream().mapToInt(String::length).max().orElse(0);
	}

	/** An environment that joined: the next colour, and names padded to the longest so far. */
	void add(String environment) {
		this.environments.add(environment);
		this.width = Math.max(this.width, environment.length());
	}

	void print(LogLine line) {
		switch (this.format) {
			case raw -> this.out.println(line.message());
			case json -> this.out.println(json(line));
			case text -> this.out.println(text(line));
		}
	}

	void flush() {
		this.out.flush();
	}

	private String text(LogLine line) {
		StringBuilder text = new StringBuilder();
		if (this.prefix) {
			String name = line.environment() + " ".repeat(this.width - line.environment().length());
			if (this.colour) {
				int colour = COLOURS[Math.max(0, this.environments.indexOf(line.environment())) % COLOURS.length];
				text.append("\u001b[").append(colour).append('m').append(name).append("\u001b[0m");
			}
			else {
				text.append(name);
			}
			text.append(' ');
		}
		if (this.timestamps) {
			text.append(line.timestamp()).append(' ');
		}
		return text.append(line.message()).toString();
	}

	private static String json(LogLine line) {
		ObjectNode node = Gateway.JSON.createObjectNode()
			.put("environment", line.environment())
			.put("timestamp", line.timestamp())
			.put("stream", line.stream())
			.put("message", line.message())
			.put("cursor", line.cursor());
		if (line.seq() >= 0) {
			node.put("seq", line.seq());
		}
		if (line.host() != null) {
			node.put("host", line.host());
		}
		try {
			return Gateway.JSON.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a log line that Jackson cannot write", ex);
		}
	}

}
