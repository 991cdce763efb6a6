package io.envstream.gateway.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;

/**
 * Where a {@code seek} moves a replay: to the lines at or after a time, or strictly after a cursor
 * of the environment's partition.
 * @param since a time, or {@code null}
 * @param resume a cursor, or {@code null}
 */
record ReplayTarget(Instant since, Cursor resume) {

	/** @throws IllegalArgumentException naming what is wrong with the value */
	static ReplayTarget of(ClientMessage.Seek seek, int partition) {
		if (seek.since() != null) {
			try {
				return new ReplayTarget(Instant.parse(seek.since()), null);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("seek since must be an RFC 3339 time");
			}
		}
		Cursor cursor = CursorCodec.decode(seek.resume());
		if (cursor.partition() != partition) {
			throw new IllegalArgumentException("cursor does not belong to this environment");
		}
		return new ReplayTarget(null, cursor);
	}

}
