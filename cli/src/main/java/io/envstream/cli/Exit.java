package io.envstream.cli;

/**
 * The exit statuses: the close codes a person acts on each have their own, so a script can tell a token to renew
 * (3) from an access to ask for (4), a wrong name (5) and a busy gateway (6).
 */
public final class Exit {

	public static final int OK = 0;

	/** Anything else: the gateway unreachable, an unexpected close, a file that cannot be read. */
	public static final int FAILURE = 1;

	/** 4401 / HTTP 401: not signed in, or the token expired. */
	public static final int UNAUTHORIZED = 3;

	/** 4403 / HTTP 403: no access to the environment. */
	public static final int FORBIDDEN = 4;

	/** 4404 / HTTP 404: no such environment (or terminal session). */
	public static final int NOT_FOUND = 5;

	/** 4429 / HTTP 429 after the retries: over a connection or request limit. */
	public static final int TOO_MANY = 6;

	/** Bad arguments (sysexits' EX_USAGE, as the {@code token} command). */
	public static final int USAGE = 64;

	private Exit() {
	}

	/** The exit status of a WebSocket close code that ended a command. */
	public static int ofClose(int code) {
		return switch (code) {
			case 1000 -> OK;
			case 4401 -> UNAUTHORIZED;
			case 4403 -> FORBIDDEN;
			case 4404 -> NOT_FOUND;
			case 4429 -> TOO_MANY;
			case 1008, 1009 -> USAGE;
			default -> FAILURE;
		};
	}

	/** The exit status of an HTTP error status of the REST API. */
	public static int ofHttp(int status) {
		return switch (status) {
			case 400 -> USAGE;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 429 -> TOO_MANY;
			default -> FAILURE;
		};
	}

}
