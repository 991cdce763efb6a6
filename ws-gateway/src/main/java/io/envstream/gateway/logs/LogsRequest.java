package io.envstream.gateway.logs;

import java.net.URI;
import java.time.Instant;

import io.envstream.schemas.cursor.Cursor;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The query parameters of a logs connection, validated.
 * @param stream {@code stdout}, {@code stderr} or {@code null} (all)
 * @param tail history lines first
 * @param resume send everything strictly after this cursor, or {@code null}
 * @param since replay from this time, or {@code null}
 * @param follow whether to stay live after the history
 * @param replay a paced replay ({@code speed}, {@code until}), or {@code null}
 */
record LogsRequest(String stream, int tail, Cursor resume, Instant since, boolean follow, ReplayRequest replay) {

	/** @throws IllegalArgumentException naming the bad parameter; the message never echoes a token */
	static LogsRequest parse(URI uri, int defaultTail, int maxTail) {
		MultiValueMap<String, String> params = UriComponentsBuilder.fromUri(uri).build(true).getQueryParams();
		String stream = LogsParameters.stream(decoded(params.getFirst("stream")));
		int tail = LogsParameters.count(params.getFirst("tail"), "tail", defaultTail, 0, maxTail);
		Cursor resume = LogsParameters.cursor(decoded(params.getFirst("resume")));
		Instant since = LogsParameters.time(decoded(params.getFirst("since")), "since");
		if (resume != null && since != null) {
			throw new IllegalArgumentException("resume and since exclude each other");
		}
		String followText = params.getFirst("follow");
		if (followText != null && !followText.equals("true") && !followText.equals("false")) {
			throw new IllegalArgumentException("follow must be true or false");
		}
		ReplayRequest replay = ReplayRequest.parse(decoded(params.getFirst("speed")), decoded(params.getFirst("until")),
				resume != null || since != null, since);
		return new LogsRequest(stream, tail, resume, since, !"false".equals(followText), replay);
	}

	private static String decoded(String value) {
		return (value == null) ? null : java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
