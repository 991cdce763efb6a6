package io.envstream.gateway.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.json.Timestamps;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.EnvironmentAccess;
import io.envstream.gateway.security.TokenVerifier;
import io.envstream.schemas.cursor.Cursor;
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
 * the stream and grep filters of the WebSocket endpoint; as JSON, NDJSON or plain text.
 */
@RestController
class LogsController {

	static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	static final String NEXT_CURSOR = "X-Next-Cursor";

	/** With grep, at most this many pages are scanned for one response. */
	private static final int MAX_SCANNED_PAGES = 10;

	private final TokenVerifier tokens;

	private final EnvironmentAccess access;

	private final HistoryStore history;

	private final GatewayProperties properties;

	LogsController(TokenVerifier tokens, EnvironmentAccess access, HistoryStore history, GatewayProperties properties) {
		this.tokens = tokens;
		this.access = access;
		this.history = history;
		this.properties = properties;
	}

	@GetMapping("/api/v1/environments/{id}/logs")
	ResponseEntity<String> logs(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String after, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(defaultValue = "all") String stream, @RequestParam(required = false) String grep,
			@RequestParam(defaultValue = "json") String format) {
		Caller caller = this.tokens.caller(jwt);
		switch (this.access.check(id, caller)) {
			case UNKNOWN -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "environment not found");
			case FORBIDDEN -> throw new ResponseStatusException(HttpStatus.FORBIDDEN, "access to this environment denied");
			case ALLOWED -> {
			}
		}
		if (limit < 1 || limit > this.properties.maxTail()) {
			throw badRequest("limit must be between 1 and " + this.properties.maxTail());
		}
		GrepPattern pattern = pattern(grep);
		HistoryQuery query = new HistoryQuery(id, streamOf(stream), cursor(after), time(from, "from"), time(to, "to"),
				limit);
		Page page = read(query, pattern);
		String next = (page.next() == null) ? null : CursorCodec.encode(page.next());
		return switch (format) {
			case "json" -> respond(MediaType.APPLICATION_JSON, next).body(json(page.lines(), next));
			case "ndjson" -> respond(NDJSON, next).body(joined(page.lines(), FrameEncoder::line));
			case "text" -> respond(MediaType.TEXT_PLAIN, next)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(id + ".log", StandardCharsets.UTF_8).build().toString())
				.body(joined(page.lines(), LogsController::text));
			default -> throw badRequest("format must be json, ndjson or text");
		};
	}

	private record Page(List<LogLine> lines, Cursor next) {
	}

	/** Reads pages until {@code limit} lines pass grep, or the range ends, or the scan bound is hit. */
	private Page read(HistoryQuery query, GrepPattern grep) {
		List<LogLine> kept = new ArrayList<>();
		Cursor position = query.after();
		for (int pages = 0; pages < ((grep == null) ? 1 : MAX_SCANNED_PAGES); pages++) {
			List<LogLine> lines = this.history.read(new HistoryQuery(query.environmentId(), query.stream(), position,
					query.from(), query.to(), query.limit()));
			for (LogLine line : lines) {
				position = line.cursor();
				if (grep == null || grep.find(line.message())) {
					kept.add(line);
					if (kept.size() == query.limit()) {
						return new Page(kept, position);
					}
				}
			}
			if (lines.size() < query.limit()) {
				return new Page(kept, null);
			}
		}
		return new Page(kept, position);
	}

	private static ResponseEntity.BodyBuilder respond(MediaType type, String next) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.ok().contentType(type);
		if (next != null) {
			builder.header(NEXT_CURSOR, next);
		}
		return builder;
	}

	private static String json(List<LogLine> lines, String next) {
		StringBuilder out = new StringBuilder("{\"logs\":[");
		for (int i = 0; i < lines.size(); i++) {
			out.append((i == 0) ? "" : ",").append(FrameEncoder.line(lines.get(i)));
		}
		out.append("],\"count\":").append(lines.size()).append(",\"next\":");
		out.append((next == null) ? "null" : "\"" + next + "\"").append('}');
		return out.toString();
	}

	private static String joined(List<LogLine> lines, java.util.function.Function<LogLine, String> format) {
		StringBuilder out = new StringBuilder();
		lines.forEach((line) -> out.append(format.apply(line)).append('\n'));
		return out.toString();
	}

	private static String text(LogLine line) {
		StringBuilder out = new StringBuilder();
		Timestamps.append(out, line.timestampNanos());
		return out.append(' ').append(line.stream()).append(' ').append(line.message()).toString();
	}

	private GrepPattern pattern(String grep) {
		if (grep == null || grep.isEmpty()) {
			return null;
		}
		try {
			return GrepPattern.compile(grep, this.properties.grepMaxChars());
		}
		catch (IllegalArgumentException ex) {
			throw badRequest(ex.getMessage());
		}
	}

	private static String streamOf(String stream) {
		return switch (stream) {
			case "all" -> null;
			case "stdout", "stderr" -> stream;
			default -> throw badRequest("stream must be all, stdout or stderr");
		};
	}

	private static Cursor cursor(String after) {
		if (after == null) {
			return null;
		}
		try {
			return CursorCodec.decode(after);
		}
		catch (IllegalArgumentException ex) {
			throw badRequest(ex.getMessage());
		}
	}

	private static Instant time(String value, String name) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw badRequest(name + " must be an RFC 3339 time");
		}
	}

	private static ResponseStatusException badRequest(String reason) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
	}

}
