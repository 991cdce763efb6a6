package io.envstream.cli.terminal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.envstream.cli.Console;
import io.envstream.cli.Exit;
import io.envstream.cli.Gateway;
import io.envstream.cli.Io;
import io.envstream.cli.Reconnect;
import io.envstream.cli.Socket;

/**
 * A terminal in an environment, on this process's terminal: raw mode when stdin is one (piped input runs without it,
 * and its end is sent as Ctrl-D), window changes sent as {@code resize}, the detach keys sending {@code detach}, and
 * the command's exit code returned. A dropped connection reattaches to the same session with the protocol's backoff.
 */
final class TerminalSession {

	private static final String END_OF_TRANSMISSION = "\u0004";

	private final Io io;

	private final Gateway gateway;

	private final String environment;

	private final String command;

	private final DetachKeys detachKeys;

	private volatile Socket socket;

	private volatile String session;

	private volatile boolean detached;

	private Integer exitCode;

	TerminalSession(Io io, Gateway gateway, String environment, String command, String session, DetachKeys detachKeys) {
		this.io = io;
		this.gateway = gateway;
		this.environment = environment;
		this.command = command;
		this.session = session;
		this.detachKeys = detachKeys;
	}

	int run() throws Exception {
		Console console = this.io.console();
		boolean raw = console.stdinIsTerminal();
		try (AutoCloseable restore = raw ? console.rawMode() : () -> {
		}) {
			console.onResize(this::resize);
			return connect();
		}
	}

	private int connect() throws InterruptedException {
		String path = "/api/v1/ws/environments/" + Gateway.segment(this.environment) + "/terminal";
		Reconnect reconnect = this.gateway.target().reconnect();
		Thread keyboard = null;
		while (true) {
			Socket current = Socket.open(this.gateway.http(), this.gateway.target().socket(path, query()),
					this.gateway.target().token());
			this.socket = current;
			Socket.Event event;
			while ((event = current.next()) instanceof Socket.Text text) {
				reconnect.delivered();
				if (handle(text) && keyboard == null) {
					// keys typed before the PTY exists would be lost: read them once it is ready
					keyboard = new Thread(this::pumpKeys, "terminal-keys");
					keyboard.setDaemon(true);
					keyboard.start();
				}
			}
			Socket.Closed closed = (Socket.Closed) event;
			if (this.detached) {
				this.io.err().println("\r\ndetached; the session keeps running for a while: envstream attach "
						+ this.environment + "/" + this.session);
				return Exit.OK;
			}
			if (this.exitCode != null) {
				return this.exitCode;
			}
			if (closed.code() == 1000) {
				return Exit.OK;
			}
			Optional<Duration> wait = (this.session != null) ? reconnect.after(closed.code()) : Optional.empty();
			this.io.err().println("\r\n" + Reconnect.describe(closed.code(), closed.reason())
					+ wait.map((delay) -> "; reattaching in " + delay.toSeconds() + " s").orElse(""));
			if (wait.isEmpty()) {
				return Exit.ofClose(closed.code());
			}
			// the reconnect rules' backoff before reattaching; nothing else runs on this thread meanwhile
			Thread.sleep(wait.get().toMillis());
		}
	}

	private String query() {
		Console.Size size = size();
		List<String> parameters = new ArrayList<>(List.of("cols=" + size.cols(), "rows=" + size.rows()));
		if (this.session != null) {
			parameters.add("session=" + Gateway.query(this.session));
		}
		else if (this.command != null) {
			parameters.add("cmd=" + Gateway.query(this.command));
		}
		return String.join("&", parameters);
	}

	private Console.Size size() {
		return this.io.console().size().orElse(new Console.Size(80, 24));
	}

	/** @return whether the message was {@code ready} */
	private boolean handle(Socket.Text text) {
		JsonNode message = text.json().orElse(null);
		if (message == null) {
			return false;
		}
		switch (message.path("type").asText()) {
			case "ready" -> {
				this.session = message.path("session").asText(this.session);
				return true;
			}
			case "output" -> {
				byte[] output = message.path("data").asText().getBytes(StandardCharsets.UTF_8);
				this.io.out().write(output, 0, output.length);
				this.io.out().flush();
			}
			case "exit" -> this.exitCode = message.path("code").asInt();
			default -> {
				// nothing else is for the person at the keyboard
			}
		}
		return false;
	}

	private void resize() {
		Console.Size size = size();
		send(Gateway.JSON.createObjectNode().put("type", "resize").put("cols", size.cols()).put("rows", size.rows()).toString());
	}

	private void pumpKeys() {
		Reader keys = new InputStreamReader(this.io.in(), StandardCharsets.UTF_8);
		char[] buffer = new char[4096];
		try {
			int read;
			while ((read = keys.read(buffer)) >= 0) {
				DetachKeys.Typed typed = this.detachKeys.feed(new String(buffer, 0, read));
				input(typed.forward());
				if (typed.detach()) {
					this.detached = true;
					send("{\"type\":\"detach\"}");
					// the agent keeps a shell whose connection closes after a detach
					Socket current = this.socket;
					if (current != null) {
						current.close();
					}
					return;
				}
			}
			// piped input ended: end the shell's input as Ctrl-D on a terminal would
			input(END_OF_TRANSMISSION);
		}
		catch (IOException ex) {
			this.io.err().println("\r\ncannot read the keyboard: " + ex.getMessage());
		}
	}

	private void input(String data) {
		if (!data.isEmpty()) {
			send(Gateway.JSON.createObjectNode().put("type", "input").put("data", data).toString());
		}
	}

	private void send(String message) {
		Socket current = this.socket;
		if (current != null) {
			current.send(message);
		}
	}

}
