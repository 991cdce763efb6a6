package io.envstream.collector.logs;

/**
 * Drops the records a read from {@code since} (whole seconds) returns again although they were
 * already shipped: every record up to and including the shipped position. Once a record is past
 * it, nothing more is dropped, so a record the engine stored with a slightly older timestamp
 * after the shipped one still goes out.
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
		if (position.timestampNanos() < this.shipped.timestampNanos()
				|| (position.timestampNanos() == this.shipped.timestampNanos()
						&& position.recordsAtTimestamp() <= this.shipped.recordsAtTimestamp())) {
			return true;
		}
		this.passed = true;
		return false;
	}

}
