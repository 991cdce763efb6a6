package io.envstream.collector.logs;

import java.util.concurrent.TimeUnit;

/**
 * When the lines handed to the {@link LineSink} are next taken towards Kafka: the start of the publisher's next
 * transaction. A line read before it waits for it anyway, so the reader of a busy json-file log looks at its file
 * once shortly before each take rather than every {@link JsonFileLogReader#POLL_MILLIS}: 20 busy containers looked
 * at every 10 ms were 2,000 looks a second (a look costs two reads, a stat, an fstat and a thread wake-up, whatever
 * it finds), and their readers 0.043-0.055 cores at 10,000 lines/s; once a transaction, 0.020.
 */
public final class TakeSchedule {

	/**
	 * How long before a take a reader looks: time for the look itself, its lines handed over, and a late wake-up.
	 * The lines written within it wait for the next take, as those written after the last look did when every look
	 * was {@link JsonFileLogReader#POLL_MILLIS} apart.
	 */
	static final long LEAD_MILLIS = 10;

	/** {@link System#nanoTime()} of the next take; once it has passed, a line is taken as soon as it comes. */
	private volatile long nextNanos = System.nanoTime();

	/** The publisher's next transaction begins at {@code nanoTime} ({@link System#nanoTime()}). */
	public void nextAt(long nanoTime) {
		this.nextNanos = nanoTime;
	}

	/**
	 * How long a reader that read its busy log to its end waits before it looks again: until {@link #LEAD_MILLIS}
	 * before the next take, or {@code pollMillis} once that moment has passed (the take that follows is not known
	 * yet, or the publisher waits for a line and takes it as it comes).
	 */
	long millisBeforeLook(long pollMillis) {
		long untilLook = TimeUnit.NANOSECONDS.toMillis(this.nextNanos - System.nanoTime()) - LEAD_MILLIS;
		return (untilLook > 0) ? untilLook : pollMillis;
	}

}
