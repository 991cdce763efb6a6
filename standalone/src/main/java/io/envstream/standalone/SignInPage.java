package io.envstream.standalone;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * Standalone's sign-in page, {@code /signin} on the gateway: a form asking for a user name
 * (default {@value #DEFAULT_USER}, who owns the demo environments), an optional team and the admin scope
 * (not ticked: a token that sees every environment is asked for, never given by a click on "Sign in");
 * posting it issues a token and stores it in the
 * browser's {@code localStorage} under {@value #STORAGE_KEY}, then goes to {@code /}.
 * There is no password: whoever reaches the gateway's port may sign in, as with the token
 * command on the machine itself. That is what standalone is for, a laptop or a demo.
 */
final class SignInPage {

	static final String STORAGE_KEY = "envstream.token";

	static final String DEFAULT_USER = "demo";

	private static final int MAX_NAME_LENGTH = 128;

	private static final String HEAD = """
			<!doctype html>
			<html lang="en">
			<head>
			<meta charset="utf-8">
			<meta name="viewport" content="width=device-width, initial-scale=1">
			<title>%s · envstream standalone</title>
			<style>
			body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; }
			label { display: block; margin: .8rem 0 .3rem; }
			input[type=text] { width: 100%%; padding: .4rem; box-sizing: border-box; }
			button { margin-top: 1.2rem; padding: .5rem 1.2rem; }
			.error { color: #b00020; }
			</style>
			</head>
			<body>
			""";

	private final TokenIssuer tokens;

	private final Duration ttl;

	SignInPage(TokenIssuer tokens, Duration ttl) {
		this.tokens = tokens;
		this.ttl = ttl;
	}

	ServerResponse form(ServerRequest request) {
		return html(HttpStatus.OK, form(DEFAULT_USER, "", false, null));
	}

	ServerResponse signIn(ServerRequest request) {
		String user = request.param("user").orElse("").strip();
		String team = request.param("team").orElse("").strip();
		boolean admin = request.param("admin").isPresent();
		String problem = problem("user name", user, true);
		problem = (problem != null) ? problem : problem("team", team, false);
		if (problem != null) {
			return html(HttpStatus.BAD_REQUEST, form(user, team, admin, problem));
		}
		String token = this.tokens.issue(user, team, admin, this.ttl);
		// the token is base64url and dots only: safe inside a JavaScript string
		return html(HttpStatus.OK, HEAD.formatted("Signed in") + "<p>Signed in as " + HtmlUtils.htmlEscape(user)
				+ ". Continue to <a href=\"/\">envstream</a>.</p>\n<script>localStorage.setItem(\"" + STORAGE_KEY
				+ "\", \"" + token + "\"); location.replace(\"/\");</script>\n</body>\n</html>\n");
	}

	private static String problem(String field, String value, boolean required) {
		if (required && value.isEmpty()) {
			return "Enter a " + field + ".";
		}
		if (value.length() > MAX_NAME_LENGTH) {
			return "The " + field + " is longer than " + MAX_NAME_LENGTH + " characters.";
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			return "The " + field + " contains control characters.";
		}
		return null;
	}

	private static String form(String user, String team, boolean admin, String problem) {
		return HEAD.formatted("Sign in") + "<h1>envstream standalone</h1>\n"
				+ "<p>Sign in to get a token for this standalone's gateway. There is no password: standalone"
				+ " is for a laptop or a demo.</p>\n"
				+ ((problem != null) ? "<p class=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(problem) + "</p>\n"
						: "")
				+ "<form method=\"post\" action=\"/signin\">\n"
				+ "<label for=\"user\">User name</label>\n<input id=\"user\" name=\"user\" type=\"text\" value=\""
				+ HtmlUtils.htmlEscape(user) + "\" required autofocus>\n"
				+ "<label for=\"team\">Team (optional)</label>\n<input id=\"team\" name=\"team\" type=\"text\" value=\""
				+ HtmlUtils.htmlEscape(team) + "\">\n"
				+ "<label><input id=\"admin\" name=\"admin\" type=\"checkbox\" value=\"true\"" + (admin ? " checked" : "")
				+ "> Admin: see every environment</label>\n"
				+ "<button type=\"submit\">Sign in</button>\n</form>\n</body>\n</html>\n";
	}

	private static ServerResponse html(HttpStatus status, String body) {
		return ServerResponse.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.body(body);
	}

}
