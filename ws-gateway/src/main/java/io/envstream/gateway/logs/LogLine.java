package io.envstream.gateway.logs;

import io.envstream.schemas.cursor.Cursor;

/**
 * One log line at its position, from PostgreSQL or Kafka alike.
 * @param cursor position in envstream.logs
 * @param timestampNanos Docker timestamp, nanoseconds since the epoch
 * @param stream {@code stdout} or {@code stderr}
 * @param container Docker id of the container
 * @param host id of the Docker host
 * @param seq per-container sequence number
 * @param message the line
 */
record LogLine(Cursor cursor, long timestampNanos, String stream, String container, String host, long seq,
		String message) {
}
