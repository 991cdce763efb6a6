package io.envstream.gateway.logs;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.EnvironmentAccess;
import io.envstream.gateway.security.TokenVerifier;
import io.envstream.gateway.web.RestWork;
import io.envstream.schemas.cursor.CursorCodec;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/v1/environments/{id}/logs}: stored lines of an environment, oldest first, by
 * time range, paged by cursor ({@code after}; the response names the next page's cursor), with
 * the stream and grep filters of the WebSocket endpoint, validated as the WebSocket's parameters
 * are ({@link LogsParameters}); as JSON, NDJSON or plain text ({@link HistoryPages}).
 */
@RestController
class LogsController {

	static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	static final String NEXT_CURSOR = "X-Next-Cursor";

	private final TokenVerifier tokens;

	private final EnvironmentAccess access;

	private final HistoryPages pages;

	private final GatewayProperties properties;

	private final RestWork work;

	LogsController(TokenVerifier tokens, EnvironmentAccess access, HistoryPages pages, GatewayProperties properties,
			RestWork work) {
		this.tokens = tokens;
		this.access = access;
		this.pages = pages;
		this.properties = properties;
		this.work = work;
	}

	@GetMapping("/api/v1/environments/{id}/logs")
	CompletableFuture<ResponseEntity<String>> logs(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String after, @RequestParam(required = false) String limit,
			@RequestParam(required = false) String stream, @RequestParam(required = false) String grep,
			@RequestParam(defaultValue = "json") String format) {
		return this.work.supply(() -> page(jwt, id, from, to, after, limit, stream, grep, format));
	}

	private ResponseEntity<String> page(Jwt jwt, String id, String from, String to, String after, String limit,
			String stream, String grep, String format) {
		Caller caller = this.tokens.caller(jwt);
		switch (this.access.check(id, caller)) {
			case UNKNOWN -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "environment not found");
			case FORBIDDEN -> throw new ResponseStatusException(HttpStatus.FORBIDDEN, "access to this environment denied");
			case ALLOWED -> {
			}
		}
		HistoryQuery query;
		GrepPattern pattern;
		try {
			query = new HistoryQuery(id, LogsParameters.stream(stream), LogsParameters.cursor(after),
					LogsParameters.time(from, "from"), LogsParameters.time(to, "to"),
					LogsParameters.count(limit, "limit", 100, 1, this.properties.maxTail()));
			pattern = (grep == null || grep.isEmpty()) ? null : GrepPattern.compile(grep, this.properties.grepMaxChars());
		}
		catch (IllegalArgumentException ex) {
			throw badRequest(ex.getMessage());
		}
		HistoryPages.Page page = this.pages.read(query, pattern);
		String next = (page.next() == null) ? null : CursorCodec.encode(page.next());
		return switch (format) {
			case "json" -> respond(MediaType.APPLICATION_JSON, next).body(HistoryPages.json(page.lines(), next));
			case "ndjson" -> respond(NDJSON, next).body(HistoryPages.ndjson(page.lines()));
			case "text" -> respond(MediaType.TEXT_PLAIN, next)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(id + ".log", StandardCharsets.UTF_8).build().toString())
				.body(HistoryPages.text(page.lines()));
			default -> throw badRequest("format must be json, ndjson or text");
		};
	}

	private static ResponseEntity.BodyBuilder respond(MediaType type, String next) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.ok().contentType(type);
		if (next != null) {
			builder.header(NEXT_CURSOR, next);
		}
		return builder;
	}

	private static ResponseStatusException badRequest(String reason) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
	}

}
