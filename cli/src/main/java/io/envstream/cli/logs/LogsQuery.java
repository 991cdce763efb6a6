package io.envstream.cli.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.envstream.cli.Gateway;

/**
 * What a logs connection asks for (the endpoint's query parameters). The history ({@code tail}, {@code since}) is
 * asked for only while no line was delivered; afterwards every connection resumes strictly after the last cursor.
 */
record LogsQuery(String stream, Integer tail, Instant since, boolean follow, String speed, Instant until,
		String resume) {

	/** The query string of a connection that has delivered up to {@code cursor} ({@code null}: nothing yet). */
	String encode(String cursor) {
		List<String> parameters = new ArrayList<>();
		if (this.stream != null && !"all".equals(this.stream)) {
			parameters.add("stream=" + this.stream);
		}
		if (cursor != null) {
			parameters.add("resume=" + Gateway.query(cursor));
		}
		else if (this.since != null) {
			parameters.add("since=" + Gateway.query(this.since.toString()));
		}
		else if (this.tail != null) {
			parameters.add("tail=" + this.tail);
		}
		if (!this.follow) {
			parameters.add("follow=false");
		}
		if (this.speed != null) {
			parameters.add("speed=" + Gateway.query(this.speed));
		}
		if (this.until != null) {
			parameters.add("until=" + Gateway.query(this.until.toString()));
		}
		return String.join("&", parameters);
	}

}
