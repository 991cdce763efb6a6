package io.envstream.gateway.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.lifecycle.GatewayExecutors;
import io.envstream.schemas.cursor.Cursor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class LiveSubscribersTests {

	/** The very same object, not an equal one. */
	private static final Comparator<Frame> SAME = (a, b) -> (a == b) ? 0 : 1;

	private final GatewayExecutors executors = new GatewayExecutors();

	private final GatewayProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
		.bindOrCreate("envstream.gateway", GatewayProperties.class);

	private final LiveSubscribers subscribers = new LiveSubscribers(new LinePipeline(this.properties),
			new Outbox(new LogsMetrics(new SimpleMeterRegistry()), this.executors, this.properties));

	@AfterEach
	void stop() {
		this.executors.destroy();
	}

	@Test
	void queuesTheSameEncodedFramesForEverySubscriberWithTheSameFilter() {
		Subscription first = live("a", LineFilter.ALL, null);
		Subscription second = live("b", LineFilter.ALL, null);
		Subscription stderr = live("c", LineFilter.ALL.withStream("stderr"), null);

		assertThat(this.subscribers.offer(0, "env", lines(7, 10))).isEmpty();

		List<Frame> firsts = queued(first);
		assertThat(firsts).singleElement().satisfies((frame) -> assertThat(frame.lines()).isEqualTo(10));
		assertThat(queued(second)).singleElement().isSameAs(firsts.get(0));
		assertThat(queued(stderr)).singleElement().satisfies((frame) -> assertThat(frame.message()).isNull());
	}

	@Test
	void subscribersWhoTypedTheSameGrepShareFrames() {
		Subscription first = live("a", LineFilter.ALL.withGrep(GrepPattern.compile("line [13]$", 100)), null);
		Subscription second = live("b", LineFilter.ALL.withGrep(GrepPattern.compile("line [13]$", 100)), null);
		Subscription other = live("c", LineFilter.ALL.withGrep(GrepPattern.compile("line [12]$", 100)), null);

		this.subscribers.offer(0, "env", lines(7, 10));

		List<Frame> firsts = queued(first);
		assertThat(seqs(firsts)).containsExactly(1L, 3L);
		assertThat(queued(second)).usingElementComparator(SAME).containsExactlyElementsOf(firsts);
		assertThat(seqs(queued(other))).containsExactly(1L, 2L);
	}

	@Test
	void subscribersThatJustAttachedAtTheSameLineShareFramesStartingAfterIt() {
		Subscription early = live("a", LineFilter.ALL, null);
		Subscription attached = live("b", LineFilter.ALL, new Cursor(0, 7, 3));
		Subscription alsoAttached = live("c", LineFilter.ALL, new Cursor(0, 7, 3));
		Subscription ahead = live("d", LineFilter.ALL, new Cursor(0, 7, 9));

		this.subscribers.offer(0, "env", lines(7, 10));

		assertThat(seqs(queued(early))).isEqualTo(LongStream.rangeClosed(1, 10).boxed().toList());
		List<Frame> afterFourth = queued(attached);
		assertThat(seqs(afterFourth)).isEqualTo(LongStream.rangeClosed(5, 10).boxed().toList());
		assertThat(queued(alsoAttached)).usingElementComparator(SAME).containsExactlyElementsOf(afterFourth);
		assertThat(queued(ahead)).isEmpty();
	}

	@Test
	void findsTheFirstLineAfterAPosition() {
		List<LogLine> lines = lines(7, 10);
		assertThat(SharedFrames.firstAfter(lines, null)).isZero();
		assertThat(SharedFrames.firstAfter(lines, new Cursor(0, 6, 99))).isZero();
		assertThat(SharedFrames.firstAfter(lines, new Cursor(0, 7, 0))).isEqualTo(1);
		assertThat(SharedFrames.firstAfter(lines, new Cursor(0, 7, 8))).isEqualTo(9);
		assertThat(SharedFrames.firstAfter(lines, new Cursor(0, 7, 9))).isEqualTo(10);
		assertThat(SharedFrames.firstAfter(lines, new Cursor(0, 8, 0))).isEqualTo(10);
	}

	/**
	 * A live subscription at {@code position} whose drain the test holds, as a sender would: the
	 * frames the fan-out queues stay queued for {@link #queued} to read.
	 */
	private Subscription live(String id, LineFilter filter, Cursor position) {
		Subscription subscription = new Subscription(id, "env", 0, true, filter, 5000, position, null, null);
		assertThat(subscription.goLive(subscription.generation())).isTrue();
		assertThat(subscription.claimDrain()).isTrue();
		assertThat(subscription.take().json()).isEqualTo(FrameEncoder.live());
		this.subscribers.add(subscription);
		return subscription;
	}

	private static List<Frame> queued(Subscription subscription) {
		List<Frame> frames = new ArrayList<>();
		for (Frame frame = subscription.take(); frame != null; frame = subscription.take()) {
			frames.add(frame);
		}
		return frames;
	}

	private static List<Long> seqs(List<Frame> frames) {
		List<Long> seqs = new ArrayList<>();
		for (Frame frame : frames) {
			for (int at = frame.json().indexOf("\"seq\":"); at >= 0; at = frame.json().indexOf("\"seq\":", at + 1)) {
				int end = at + 6;
				while (Character.isDigit(frame.json().charAt(end))) {
					end++;
				}
				seqs.add(Long.parseLong(frame.json().substring(at + 6, end)));
			}
		}
		return seqs;
	}

	/** {@code count} stdout lines of one record at {@code offset}, seqs from 1. */
	private static List<LogLine> lines(long offset, int count) {
		List<LogLine> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			lines.add(new LogLine(new Cursor(0, offset, i), 1_000_000_000L + i, "stdout", "c-1", "h-1", i + 1,
					"line " + (i + 1)));
		}
		return lines;
	}

}
