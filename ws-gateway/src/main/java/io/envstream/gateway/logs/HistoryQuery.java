package io.envstream.gateway.logs;

import java.time.Instant;

import io.envstream.schemas.cursor.Cursor;

/**
 * Which lines of an environment to read, oldest first.
 * @param environmentId the environment
 * @param stream {@code stdout}, {@code stderr}, or {@code null} for both
 * @param after only lines strictly after this position, or {@code null}
 * @param from only lines at or after this time, or {@code null}
 * @param to only lines before this time, or {@code null}
 * @param limit most lines
 */
record HistoryQuery(String environmentId, String stream, Cursor after, Instant from, Instant to, int limit) {
}
