package io.envstream.gateway.logs;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.envstream.schemas.cursor.Cursor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Log history from {@code log_batches}, where the persister stores each envstream.logs batch record as one row
 * holding its lines. Batches are read in position order (the primary key) a page at a time until enough lines pass
 * the filters, so a read decodes only the batches it needs; a batch without a line of the requested stream or whose
 * time range misses the requested one is skipped by the database. The first page is one batch (a full batch holds
 * a default tail); the next pages are sized by the lines per batch kept so far.
 */
@Component
class HistoryStore {

	private static final int LARGEST_PAGE = 256;

	private static final String STREAM = " AND (CAST(? AS text) IS NULL OR strpos(streams, ?) > 0)";

	private static final String TAIL = "SELECT " + StoredBatch.COLUMNS
			+ " FROM log_batches WHERE environment_id = ?" + STREAM + " AND (kafka_partition, kafka_offset) < (?, ?)"
			+ " ORDER BY kafka_partition DESC, kafka_offset DESC LIMIT ?";

	private static final String READ = "SELECT " + StoredBatch.COLUMNS
			+ " FROM log_batches WHERE environment_id = ?" + STREAM + " AND (kafka_partition, kafka_offset) >= (?, ?)"
			+ " AND (CAST(? AS timestamptz) IS NULL OR max_ts >= ?)"
			+ " AND (CAST(? AS timestamptz) IS NULL OR min_ts < ?)"
			+ " ORDER BY kafka_partition, kafka_offset LIMIT ?";

	private final JdbcClient jdbc;

	HistoryStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The newest {@code lines} lines, oldest first. */
	List<LogLine> tail(String environmentId, String stream, int lines) {
		String code = (stream == null) ? null : StoredBatch.streamCode(stream);
		List<LogLine> newestFirst = new ArrayList<>(Math.max(0, lines));
		int beforePartition = Integer.MAX_VALUE;
		long beforeOffset = Long.MAX_VALUE;
		for (int page = 1, read = 0; newestFirst.size() < lines;
				page = nextPage(page, read, newestFirst.size(), lines)) {
			List<StoredBatch> batches = this.jdbc.sql(TAIL)
				.params(environmentId, code, code, beforePartition, beforeOffset, page)
				.query(StoredBatch::of)
				.list();
			for (StoredBatch batch : batches) {
				for (int index = batch.lines() - 1; index >= 0 && newestFirst.size() < lines; index--) {
					if (code == null || batch.isStream(index, code)) {
						newestFirst.add(batch.line(index));
					}
				}
			}
			if (batches.size() < page) {
				break;
			}
			read += page;
			StoredBatch last = batches.get(batches.size() - 1);
			beforePartition = last.partition();
			beforeOffset = last.offset();
		}
		Collections.reverse(newestFirst);
		return newestFirst;
	}

	/** Lines matching {@code query}, oldest first by position. */
	List<LogLine> read(HistoryQuery query) {
		String code = (query.stream() == null) ? null : StoredBatch.streamCode(query.stream());
		Cursor after = query.after();
		// min_ts and max_ts keep microseconds: the bounds are compared at that precision on both sides
		Instant from = (query.from() == null) ? null : query.from().truncatedTo(ChronoUnit.MICROS);
		Instant to = (query.to() == null) ? null : query.to().truncatedTo(ChronoUnit.MICROS);
		List<LogLine> lines = new ArrayList<>(Math.max(0, query.limit()));
		int fromPartition = (after == null) ? 0 : after.partition();
		long fromOffset = (after == null) ? 0 : after.offset();
		for (int page = 1, read = 0; lines.size() < query.limit(); page = nextPage(page, read, lines.size(),
				query.limit())) {
			List<StoredBatch> batches = this.jdbc.sql(READ)
				.params(query.environmentId(), code, code, fromPartition, fromOffset, timestamp(from), timestamp(from),
						timestamp(to), timestamp(to), page)
				.query(StoredBatch::of)
				.list();
			for (StoredBatch batch : batches) {
				for (int index = 0; index < batch.lines() && lines.size() < query.limit(); index++) {
					if ((code == null || batch.isStream(index, code)) && isAfter(batch, index, after)
							&& (from == null || batch.micros(index) >= micros(from))
							&& (to == null || batch.micros(index) < micros(to))) {
						lines.add(batch.line(index));
					}
				}
			}
			if (batches.size() < page) {
				break;
			}
			read += page;
			StoredBatch last = batches.get(batches.size() - 1);
			fromPartition = last.partition();
			fromOffset = last.offset() + 1;
		}
		return lines;
	}

	/**
	 * As many batches as the lines kept per batch read so far say the rest needs, and one more; twice the last page
	 * while no line was kept.
	 */
	static int nextPage(int page, int batchesRead, int linesKept, int linesWanted) {
		if (linesKept == 0) {
			return Math.min(2 * page, LARGEST_PAGE);
		}
		long needed = ((long) (linesWanted - linesKept) * batchesRead + linesKept - 1) / linesKept;
		return (int) Math.min(needed + 1, LARGEST_PAGE);
	}

	private static boolean isAfter(StoredBatch batch, int index, Cursor after) {
		return after == null || batch.partition() != after.partition() || batch.offset() != after.offset()
				|| index > after.index();
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant == null) ? null : Timestamp.from(instant);
	}

}
