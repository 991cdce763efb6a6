package io.envstream.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway a command talks to, its token and how long to wait before reconnecting: {@code ENVSTREAM_URL} and
 * {@code ENVSTREAM_TOKEN} win, then the context named by {@code --context}, then the current context. A token file is
 * read at each use, so a token renewed in it is picked up after a 4401.
 */
public final class Target {

	/**
	 * The first wait of the reconnect backoff (each next one doubles), {@link Reconnect#FIRST_WAIT} unless set: with
	 * {@code 100ms} a busy gateway's 4429 ends a command with status 6 after about 3 s instead of 31 s.
	 */
	public static final String BACKOFF_VARIABLE = "ENVSTREAM_RECONNECT_BACKOFF";

	private static final Pattern WAIT = Pattern.compile("(\\d{1,6})(ms|s)");

	private final URI url;

	private final String token;

	private final String tokenFile;

	private final Duration firstWait;

	Target(URI url, String token, String tokenFile, Duration firstWait) {
		this.url = url;
		this.token = token;
		this.tokenFile = tokenFile;
		this.firstWait = firstWait;
	}

	public static Target resolve(Io io, String contextName) {
		Contexts contexts = Contexts.load(io);
		String name = (contextName != null) ? contextName : contexts.current();
		Contexts.Context context = (name != null) ? contexts.get(name) : null;
		String url = io.variable("ENVSTREAM_URL");
		if (url == null && context != null) {
			url = context.url();
		}
		if (url == null) {
			throw new CliException(Exit.USAGE,
					"no gateway: envstream login --url URL, or set ENVSTREAM_URL (and ENVSTREAM_TOKEN)");
		}
		String token = io.variable("ENVSTREAM_TOKEN");
		String tokenFile = null;
		if (token == null && context != null) {
			token = context.token();
			tokenFile = context.tokenFile();
		}
		return new Target(url(url), token, tokenFile, firstWait(io.variable(BACKOFF_VARIABLE)));
	}

	/** The value of {@link #BACKOFF_VARIABLE}: a positive whole number of milliseconds or seconds. */
	static Duration firstWait(String value) {
		if (value == null) {
			return Reconnect.FIRST_WAIT;
		}
		Matcher wait = WAIT.matcher(value);
		long amount = wait.matches() ? Long.parseLong(wait.group(1)) : 0;
		if (amount == 0) {
			throw new CliException(Exit.USAGE, BACKOFF_VARIABLE + "=" + value
					+ " is not a first reconnect wait such as 250ms or 2s");
		}
		return "ms".equals(wait.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
	}

	/** A gateway URL, checked: http or https, with a host. */
	public static URI url(String text) {
		try {
			URI uri = URI.create(text.strip().replaceAll("/+$", ""));
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new IllegalArgumentException("not an http or https URL with a host");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new CliException(Exit.USAGE, "--url " + text + " is not a gateway URL such as http://127.0.0.1:8080 ("
					+ ex.getMessage() + ")");
		}
	}

	public URI url() {
		return this.url;
	}

	/** The reconnect rules for one connection (or one request's retries), with this target's backoff. */
	public Reconnect reconnect() {
		return new Reconnect(Reconnect.schedule(this.firstWait), Math::random);
	}

	/** The token now: the fixed one, or the token file's content; {@code null} when there is none. */
	public String token() {
		if (this.tokenFile == null) {
			return this.token;
		}
		return readTokenFile(Path.of(this.tokenFile));
	}

	static String readTokenFile(Path file) {
		try {
			String token = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (token.isEmpty()) {
				throw new CliException(Exit.UNAUTHORIZED, "the token file " + file + " is empty");
			}
			return token;
		}
		catch (IOException ex) {
			throw new CliException(Exit.UNAUTHORIZED, "cannot read the token file " + file + ": " + ex.getMessage());
		}
	}

	/** The WebSocket URI of {@code path} (and an encoded query, or {@code null}) on this gateway. */
	public URI socket(String path, String query) {
		String scheme = "https".equals(this.url.getScheme()) ? "wss" : "ws";
		return URI.create(scheme + "://" + this.url.getRawAuthority() + base() + path
				+ ((query == null || query.isEmpty()) ? "" : "?" + query));
	}

	/** The HTTP URI of {@code path} (and an encoded query, or {@code null}) on this gateway. */
	public URI http(String path, String query) {
		return URI.create(this.url.getScheme() + "://" + this.url.getRawAuthority() + base() + path
				+ ((query == null || query.isEmpty()) ? "" : "?" + query));
	}

	private String base() {
		String path = this.url.getRawPath();
		return (path == null) ? "" : path;
	}

}
