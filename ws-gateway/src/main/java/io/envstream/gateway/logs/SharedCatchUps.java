package io.envstream.gateway.logs;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The shared catch-up reads of this process, at most one per partition: a client too slow for the
 * live fan-out, and a client starting from Kafka alone (a resume by cursor, {@code tail=0}), joins its
 * partition's read (started if none runs), which serves every such client of the partition from one
 * consumer and hands each to live as soon as it has caught up ({@link SharedCatchUp}). A read runs on
 * a catch-up reader's thread, with one of the kept catch-up consumers, and counts as one catch-up read.
 */
@Component
class SharedCatchUps {

	private static final Logger logger = LoggerFactory.getLogger(SharedCatchUps.class);

	private final Map<Integer, SharedCatchUp> reads = new HashMap<>();

	private final CatchUpReaders readers;

	private final SharedCatchUp.Parts parts;

	SharedCatchUps(CatchUpReaders readers, LinePipeline pipeline, Outbox outbox, LogsMetrics metrics) {
		this.readers = readers;
		this.parts = new SharedCatchUp.Parts(readers.consumers(), pipeline, outbox, metrics, this);
	}

	/** The subscription, as the reader of {@code generation}, catches up on its partition's shared read. */
	synchronized void join(Subscription subscription, long generation, CatchUpReaders.LiveJoin live) {
		SharedCatchUp read = this.reads.get(subscription.partition);
		if (read == null) {
			read = new SharedCatchUp(subscription.partition, this.parts, live);
			this.reads.put(subscription.partition, read);
			int partition = subscription.partition;
			this.readers.execute(read::run, // the read closes its clients itself when it fails
					(ex) -> logger.warn("shared catch-up of partition {} failed: {}", partition, ex.toString()));
		}
		read.join(subscription, generation);
	}

	/** @return whether the read may end: it has no client left and none joining (then it is forgotten) */
	synchronized boolean end(SharedCatchUp read) {
		if (read.hasJoining()) {
			return false;
		}
		this.reads.remove(read.partition, read);
		return true;
	}

}
