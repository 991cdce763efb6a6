package io.envstream.testsupport.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.envstream.testsupport.process.ChildProcesses;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The demo OpenID Connect issuer this build made ({@code issuer/target/envstream-issuer-*-exec.jar}),
 * run as its own process as the compose fleet runs it, on a free port, output to a log file; for
 * the gateway's and the browser's sign-in tests. A module that uses it depends on
 * {@code envstream-issuer} (type {@code pom}, scope {@code test}) so the reactor builds the jar first.
 */
public final class IssuerProcess implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final int port;

	private final String issuer;

	private final Path log;

	private IssuerProcess(Process process, int port, String issuer, Path log) {
		this.process = process;
		this.port = port;
		this.issuer = issuer;
		this.log = log;
	}

	/**
	 * Starts the issuer and waits until it answers its health check.
	 * @param issuer its issuer URL ({@code iss}), or {@code null} for its own address
	 *        ({@code http://127.0.0.1:<port>}), which a browser can then reach
	 * @param log where its output goes
	 * @param arguments more settings, e.g. {@code --envstream.issuer.programs.bot.secret=s}
	 */
	public static IssuerProcess start(String issuer, Path log, String... arguments) throws IOException {
		return start(freePort(), issuer, log, arguments);
	}

	/**
	 * Starts the issuer on {@code port}, e.g. one taken by {@link #freePort()} before a gateway was told where the
	 * issuer's keys will be.
	 */
	public static IssuerProcess start(int port, String issuer, Path log, String... arguments) throws IOException {
		String url = (issuer != null) ? issuer : "http://127.0.0.1:" + port;
		List<String> command = new ArrayList<>(ChildProcesses.java());
		command.addAll(List.of("-Xmx256m", "-jar", execJar().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--envstream.issuer.url=" + url));
		command.addAll(List.of(arguments));
		Files.createDirectories(log.toAbsolutePath().getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		IssuerProcess started = new IssuerProcess(process, port, url, log);
		try {
			await("issuer health on port " + port).atMost(Duration.ofMinutes(4))
				.pollInterval(Duration.ofMillis(500))
				.until(started::healthy);
		}
		catch (RuntimeException ex) {
			started.close();
			throw ex;
		}
		return started;
	}

	/** Its issuer URL, the {@code iss} of its tokens. */
	public String issuer() {
		return this.issuer;
	}

	/** Where it answers, e.g. {@code http://127.0.0.1:40123}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public String jwkSetUri() {
		return baseUrl() + "/oauth2/jwks";
	}

	/** An access token for a program (a client of {@code client_credentials}). */
	public String programToken(String clientId, String secret) throws IOException, InterruptedException {
		String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
				+ "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("the issuer refused " + clientId + ": " + response.statusCode() + " "
					+ response.body());
		}
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	private boolean healthy() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("the issuer exited with " + this.process.exitValue() + "; see " + this.log);
		}
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		ChildProcesses.stop(this.process, Duration.ofSeconds(30));
	}

	/** The tests run in their module's directory; the issuer module is its sibling. */
	private static Path execJar() throws IOException {
		Path target = Path.of("..", "issuer", "target").toAbsolutePath().normalize();
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((f) -> f.getFileName().toString().matches("envstream-issuer-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no issuer jar in " + target
						+ ": build it first (mvn -pl <module> -am verify builds it)"));
		}
	}

	/** A port nothing listens on now. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
