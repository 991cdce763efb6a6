package io.envstream.schemas.cursor;

import java.util.Comparator;

/**
 * Position of a log line in {@code envstream.logs}: the partition, the offset of the batch record
 * and the index of the line within the batch. Ordered by position (partition, offset, index).
 * Serialized by {@link CursorCodec}.
 * @param partition partition of envstream.logs
 * @param offset offset of the LogBatch record
 * @param index index of the line in the batch's entries
 */
public record Cursor(int partition, long offset, int index) implements Comparable<Cursor> {

	private static final Comparator<Cursor> ORDER = Comparator.comparingInt(Cursor::partition)
		.thenComparingLong(Cursor::offset)
		.thenComparingInt(Cursor::index);

	/**
	 * @throws InvalidCursorException if a component is negative
	 */
	public Cursor {
		if (partition < 0) {
			throw new InvalidCursorException("negative partition " + partition);
		}
		if (offset < 0) {
			throw new InvalidCursorException("negative offset " + offset);
		}
		if (index < 0) {
			throw new InvalidCursorException("negative index " + index);
		}
	}

	@Override
	public int compareTo(Cursor other) {
		return ORDER.compare(this, other);
	}

}
