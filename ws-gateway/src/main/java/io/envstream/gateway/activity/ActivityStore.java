package io.envstream.gateway.activity;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads an environment's activity from environment_activity, the per-minute rollup the persister keeps: at most
 * the range's minutes through the primary key, summed per step in PostgreSQL.
 */
@Component
class ActivityStore {

	private static final String SUMS = """
			SELECT floor((extract(epoch FROM minute) - :from) / :step)::bigint AS bucket,
			  sum(stdout_lines), sum(stderr_lines), sum(error_lines), sum(warning_lines), sum(restarts)
			FROM environment_activity
			WHERE environment_id = :id AND minute >= :fromTime AND minute < :toTime
			GROUP BY bucket""";

	private final JdbcClient jdbc;

	ActivityStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Activity read(String environmentId, ActivityRange range) {
		List<Activity.Bucket> buckets = new ArrayList<>();
		for (long i = 0; i < range.buckets(); i++) {
			buckets.add(Activity.Bucket.empty(range.start(i)));
		}
		this.jdbc.sql(SUMS)
			.param("id", environmentId)
			.param("from", range.from().getEpochSecond())
			.param("step", range.step().toSeconds())
			.param("fromTime", Timestamp.from(range.from()))
			.param("toTime", Timestamp.from(range.to()))
			.query((rs) -> {
				int index = (int) rs.getLong(1);
				buckets.set(index, new Activity.Bucket(range.start(index),
						new Activity.Lines(rs.getLong(2), rs.getLong(3)), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
			});
		return new Activity(environmentId, range.from(), range.to(), range.step().toString(), buckets);
	}

}
