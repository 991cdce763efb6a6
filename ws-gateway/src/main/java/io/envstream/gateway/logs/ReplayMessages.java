package io.envstream.gateway.logs;

import io.envstream.gateway.json.Timestamps;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.cursor.CursorCodec;

/** The {@code replay} server message: where a paced replay is, in position and in original time. */
final class ReplayMessages {

	private ReplayMessages() {
	}

	static String position(Cursor cursor, long originalNanos, ReplaySpeed speed) {
		StringBuilder out = new StringBuilder(128).append("{\"type\":\"replay\",\"cursor\":\"")
			.append(CursorCodec.encode(cursor))
			.append("\",\"timestamp\":\"");
		Timestamps.append(out, originalNanos);
		return out.append("\",\"speed\":").append(speed.json()).append('}').toString();
	}

}
