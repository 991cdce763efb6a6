package io.envstream.collector.logs;

/**
 * Where a record sits in a container's log without offsets: its timestamp and how many records
 * (of either stream, in the engine's order) carry that same timestamp up to and including it.
 * The engine gives every 16 KiB piece of a long line the same timestamp, so the count matters.
 * @param timestampNanos the record's timestamp
 * @param recordsAtTimestamp its rank among the records with that timestamp, from 1
 */
public record ReadPosition(long timestampNanos, long recordsAtTimestamp) implements Comparable<ReadPosition> {

	/** Before the first record. */
	public static final ReadPosition START = new ReadPosition(0, 0);

	/** The position of the record read after this one, stamped {@code timestampNanos}. */
	public ReadPosition next(long timestampNanos) {
		return (timestampNanos == this.timestampNanos) ? new ReadPosition(timestampNanos, this.recordsAtTimestamp + 1)
				: new ReadPosition(timestampNanos, 1);
	}

	/** The second to ask the engine for ({@code since}) to see this record again. */
	public long epochSecond() {
		return Math.floorDiv(this.timestampNanos, 1_000_000_000L);
	}

	@Override
	public int compareTo(ReadPosition other) {
		int byTime = Long.compare(this.timestampNanos, other.timestampNanos);
		return (byTime != 0) ? byTime : Long.compare(this.recordsAtTimestamp, other.recordsAtTimestamp);
	}

}
