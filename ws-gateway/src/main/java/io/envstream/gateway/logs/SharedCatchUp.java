package io.envstream.gateway.logs;

import java.time.Duration;
import java.util.List;
import java.util.Set;
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
 * One partition's shared catch-up read: a single consumer serves every client of the partition that
 * fell behind live, each strictly after its own position and through its own filter (the frames made
 * once per filter and position, {@link SharedFrames}), never blocking on one of them. A client whose
 * queue is full waits and is served again once its queue is half empty: the read goes back to it, and
 * the others skip what they already have ({@link CatchUpMembers}). So a client never holds more than
 * its queue's bound, however slow, and Kafka stays the buffer. At the partition's end, every client
 * with all lines up to there joins live at that offset, where the fan-out either takes it or says
 * how far to read on. The read ends when it has no client left.
 */
final class SharedCatchUp {

	/** What every shared read works with. */
	record Parts(KafkaClients kafka, LinePipeline pipeline, Outbox outbox, LogsMetrics metrics, SharedCatchUps reads) {
	}

	/** How long a read whose clients all wait for room sleeps before it looks again (a sent frame wakes it sooner). */
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
		subscription.onRoom(this::wake);
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

	void run() throws Exception {
		this.thread = Thread.currentThread();
		try (KafkaConsumer<String, byte[]> consumer = this.parts.kafka().consumer("catch-up")) {
			consumer.assign(Set.of(this.topicPartition));
			long position = -1;
			long end = -1;
			while (admit(consumer)) {
				long from = this.members.readFrom((m) -> m.subscription.readsWithRoom(m.generation));
				if (from < 0) {
					LockSupport.parkNanos(WAIT_NANOS);
					continue;
				}
				if (from != position) {
					consumer.seek(this.topicPartition, from);
					position = from;
				}
				if (position >= end) {
					end = consumer.endOffsets(Set.of(this.topicPartition)).get(this.topicPartition);
				}
				if (position < end) {
					hand(consumer.poll(Duration.ofMillis(200)));
					position = consumer.position(this.topicPartition);
					this.members.readTo(position);
				}
				else {
					handOver(position);
				}
			}
		}
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
		this.members.removeIf((m) -> !isReader(m)).forEach(this::left);
		return !this.members.isEmpty() || !this.parts.reads().end(this);
	}

	/** Whether the read still feeds the member: not paused, closed or joined live since. */
	private static boolean isReader(Member member) {
		return member.subscription.generation() == member.generation
				&& member.subscription.mode() == Subscription.Mode.CATCHING_UP;
	}

	/** A client whose lines retention removed first gets a {@code gap} to the partition's first offset. */
	private Member startAtOrAfter(Member member, long logStart) {
		if (member.next() >= logStart) {
			return member;
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

	/** Joins live at {@code position} every client that has all lines before it. */
	private void handOver(long position) throws Exception {
		for (Member member : this.members.caughtUp(position)) {
			if (this.live.attach(member.subscription, member.generation, position).get(30, TimeUnit.SECONDS) < 0) {
				this.members.remove(member);
				left(member);
			}
		}
	}

	private void left(Member member) {
		member.subscription.onRoom(null);
		this.parts.metrics().sharedCatchUpLeft();
	}

	/** The read failed: every client it serves or that was joining it is closed with 1011, the read is forgotten. */
	void fail() {
		this.members.removeIf((m) -> true).forEach((m) -> {
			close(m);
			left(m);
		});
		while (!this.parts.reads().end(this)) {
			close(this.joining.poll());
		}
	}

	private void close(Member member) {
		member.subscription.control(Frame.close(CloseStatus.SERVER_ERROR.withReason("catch-up failed")));
		this.parts.outbox().kick(member.subscription);
	}

}
