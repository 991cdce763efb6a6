package io.envstream.collector.logs;

/**
 * How far a read of a container's log got, without offsets: the highest timestamp read so far and
 * how many records, from the first one carrying it, a read {@code since} that timestamp's second
 * returns again. The engine gives every 16 KiB piece of a long line the timestamp of its first
 * piece, so timestamps repeat, and the other stream's records may come in between with later
 * ones; counting this way makes positions grow along a read and match between a read and a re-read
 * from the same second. (A record stamped in an earlier second than the highest is not counted:
 * a re-read does not return it.)
 * @param timestampNanos the highest timestamp read
 * @param recordsAtTimestamp records counted from the first one carrying it, from 1
 */
public record ReadPosition(long timestampNanos, long recordsAtTimestamp) implements Comparable<ReadPosition> {

	private static final long SECOND = 1_000_000_000L;

	/** Before the first record. */
	public static final ReadPosition START = new ReadPosition(0, 0);

	/** The position after reading a record stamped {@code timestampNanos}. */
	public ReadPosition next(long timestampNanos) {
		if (timestampNanos > this.timestampNanos) {
			return new ReadPosition(timestampNanos, 1);
		}
		if (timestampNanos >= epochSecond() * SECOND) {
			return new ReadPosition(this.timestampNanos, this.recordsAtTimestamp + 1);
		}
		return this;
	}

	/** The second to ask the engine for ({@code since}) to see this record again. */
	public long epochSecond() {
		return Math.floorDiv(this.timestampNanos, SECOND);
	}

	@Override
	public int compareTo(ReadPosition other) {
		int byTime = Long.compare(this.timestampNanos, other.timestampNanos);
		return (byTime != 0) ? byTime : Long.compare(this.recordsAtTimestamp, other.recordsAtTimestamp);
	}

}
