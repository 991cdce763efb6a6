package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.envstream.gateway.logs.CatchUpMembers.Member;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.web.socket.CloseStatus;

/**
 * One partition's shared catch-up read: one consumer serves every client of the partition that fell behind
 * live, each strictly after its own position and through its own filter ({@link SharedFrames}), never blocking
 * on one of them. A client whose queue is full waits, the read going on for the others, and is served again
 * once its queue is half empty ({@link CatchUpMembers}): a client never holds more than its queue's bound,
 * however slow, and Kafka stays the buffer. At the partition's end as last read the clients with every line and
 * room in their queues join live there, in one round trip to the fan-out, which takes each or says how far to
 * read on.
 */
final class SharedCatchUp {

	record Parts(CatchUpConsumers consumers, LinePipeline pipeline, Outbox outbox, LogsMetrics metrics,
			SharedCatchUps reads) {
	}

	/** How long a read with nothing to do sleeps before it looks again (a queue falling to half wakes it sooner). */
	private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	final int partition;

	private final TopicPartition topicPartition;

	private final Parts parts;

	private final CatchUpReaders.LiveJoin live;

	private final ConcurrentLinkedQueue<Member> joining = new ConcurrentLinkedQueue<>();

	private final CatchUpMembers members = new CatchUpMembers();

	private volatile Thread thread;

	SharedCatchUp(int partition, Parts parts, CatchUpReaders.LiveJoin live) {
		this.partition = partition;
		this.topicPartition = KafkaClients.partition(partition);
		this.parts = parts;
		this.live = live;
	}

	void join(Subscription subscription, long generation) {
		this.joining.add(new Member(subscription, generation, Positions.seekOffset(subscription.position())));
		subscription.onRoom(generation, this::wake);
		wake();
	}

	boolean hasJoining() {
		return !this.joining.isEmpty();
	}

	private void wake() {
		Thread reader = this.thread;
		if (reader != null) {
			LockSupport.unpark(reader);
		}
	}

	/** Runs until no client is left; however it ends it is forgotten, and a failure closes the clients it still has. */
	void run() throws Exception {
		this.thread = Thread.currentThread();
		try {
			this.parts.consumers().read(this::read);
		}
		finally {
			this.thread = null;
			forget(!Thread.currentThread().isInterrupted());
		}
	}

	private void read(KafkaConsumer<String, byte[]> consumer) throws Exception {
		consumer.assign(Set.of(this.topicPartition));
		long position = -1;
		long end = -1;
		while (admit(consumer)) {
			long from = this.members.readFrom(Member::hasRoom);
			if (from < 0) {
				LockSupport.parkNanos(WAIT_NANOS);
				continue;
			}
			if (from != position) {
				consumer.seek(this.topicPartition, from);
				position = from;
			}
			if (end < 0) {
				end = endOffset(consumer);
			}
			if (position < end) {
				hand(consumer.poll(Duration.ofMillis(200)));
				position = consumer.position(this.topicPartition);
				this.members.readTo(position);
				continue;
			}
			// at the end as last read, not a fresh one: under a writer that never pauses, a fresh end is always
			// further on. The fan-out takes each client ready here, or says how far it has read: those read on.
			boolean handed = handOver(position);
			end = endOffset(consumer);
			if (!handed && position >= end) {
				LockSupport.parkNanos(WAIT_NANOS); // every client at the end waits for room: a queue at half wakes it
			}
		}
	}

	private long endOffset(KafkaConsumer<String, byte[]> consumer) {
		return consumer.endOffsets(Set.of(this.topicPartition)).get(this.topicPartition);
	}

	/** Takes in the clients that joined and drops those the read no longer feeds; @return false: end the read. */
	private boolean admit(KafkaConsumer<String, byte[]> consumer) throws InterruptedException {
		if (Thread.currentThread().isInterrupted()) {
			throw new InterruptedException();
		}
		if (!this.joining.isEmpty()) {
			long logStart = consumer.beginningOffsets(Set.of(this.topicPartition)).get(this.topicPartition);
			Member member;
			while ((member = this.joining.poll()) != null) {
				this.members.add(startAtOrAfter(member, logStart));
				this.parts.metrics().sharedCatchUpJoined();
			}
		}
		this.members.removeIf((m) -> !m.isFed()).forEach(this::left);
		return !this.members.isEmpty() || !this.parts.reads().end(this);
	}

	/**
	 * A client whose lines retention removed first gets a {@code gap} to the partition's first offset; one that
	 * starts at the partition's beginning (no position yet) just starts there.
	 */
	private Member startAtOrAfter(Member member, long logStart) {
		if (member.next() >= logStart) {
			return member;
		}
		if (member.subscription.position() == null) {
			return new Member(member.subscription, member.generation, logStart);
		}
		Frame gap = PartitionReader.retentionGap(this.parts.metrics(), member.subscription.position(), logStart);
		member.subscription.offerCatchUpNow(member.generation, gap);
		this.parts.outbox().kick(member.subscription);
		return new Member(member.subscription, member.generation, logStart);
	}

	private void hand(ConsumerRecords<String, byte[]> records) {
		for (ConsumerRecord<String, byte[]> record : records) {
			List<Member> takers = this.members.takers(record.key(), record.offset());
			if (takers.isEmpty()) {
				continue;
			}
			SharedFrames frames = new SharedFrames(this.parts.pipeline(), this.parts.pipeline().lines(record, null));
			for (Member member : takers) {
				offer(member, frames, record.offset());
			}
		}
	}

	private void offer(Member member, SharedFrames frames, long offset) {
		Subscription subscription = member.subscription;
		for (Frame frame : frames.after(subscription.position(), subscription.filter())) {
			Subscription.Offer offer = subscription.offerCatchUpNow(member.generation, frame);
			if (offer == Subscription.Offer.OVERFLOW) {
				this.members.full(member, offset);
			}
			if (offer != Subscription.Offer.TAKEN) {
				break;
			}
		}
		this.parts.outbox().kick(subscription);
	}

	/** Joins live at {@code position}, in one round trip to the fan-out, the members ready for it; @return whether any was. */
	private boolean handOver(long position) throws Exception {
		List<Member> ready = this.members.readyForLive(position, Member::hasRoom);
		List<CompletableFuture<Long>> joins = ready.stream()
			.map((member) -> this.live.attach(member.subscription, member.generation, position))
			.toList();
		for (int i = 0; i < ready.size(); i++) {
			if (joins.get(i).get(30, TimeUnit.SECONDS) < 0) {
				this.members.remove(ready.get(i));
				left(ready.get(i));
			}
		}
		return !ready.isEmpty();
	}

	private void left(Member member) {
		member.subscription.onRoom(member.generation, null);
		this.parts.metrics().sharedCatchUpLeft();
	}

	/** The read is over: it is forgotten, and each client it still serves or that was joining it closed with 1011 if {@code failed}. */
	private void forget(boolean failed) {
		List<Member> left = this.members.removeIf((m) -> true);
		left.forEach(this::left);
		while (!this.parts.reads().end(this)) {
			left.add(this.joining.poll());
		}
		for (Member member : failed ? left : List.<Member>of()) {
			member.subscription.control(Frame.close(CloseStatus.SERVER_ERROR.withReason("catch-up failed")));
			this.parts.outbox().kick(member.subscription);
		}
	}

}
