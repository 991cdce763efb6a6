package io.envstream.collector.logs;

/** Where a follower hands its lines; blocks while the buffer towards Kafka is full. */
public interface LineSink {

	/**
	 * Ships one line of a container.
	 * @param envId the container's environment
	 * @param containerId the container
	 * @param seq the container's sequence number of the line, from 1
	 * @param line the line with the position of its last record
	 * @throws InterruptedException when the collector stops while waiting for room
	 */
	void ship(String envId, String containerId, long seq, LogLine line) throws InterruptedException;

	/** The engine sent a record of the container a second time within one read; it was dropped. */
	default void replayDropped(String containerId) {
	}

	/**
	 * The container is gone and every line read of it was handed over: its checkpoint can go.
	 * @param complete whether its log was read to the end (false: lines may be missing)
	 */
	void containerGone(String containerId, boolean complete) throws InterruptedException;

}
