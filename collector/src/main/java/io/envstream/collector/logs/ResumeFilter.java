package io.envstream.collector.logs;

/**
 * Drops the records a read from {@code since} (whole seconds) returns again although they were
 * already shipped: every record up to and including the shipped position. Positions grow along a
 * read ({@link ReadPosition}); once a record is past the shipped one, nothing more is dropped.
 */
final class ResumeFilter {

	private final ReadPosition shipped;

	private boolean passed;

	ResumeFilter(ReadPosition shipped) {
		this.shipped = shipped;
		this.passed = shipped.equals(ReadPosition.START);
	}

	/** Whether the record at {@code position} (counted from the start of this read) was shipped. */
	boolean alreadyShipped(ReadPosition position) {
		if (this.passed) {
			return false;
		}
		if (position.compareTo(this.shipped) <= 0) {
			return true;
		}
		this.passed = true;
		return false;
	}

}
