package io.envstream.collector.terminal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The output a detached session printed, kept for the client that reattaches. Bounded: beyond
 * {@code capacity} characters the oldest output is dropped, and the replay then starts with a
 * visible marker saying how much.
 */
final class ReplayBuffer {

	private final int capacity;

	private final Deque<String> chunks = new ArrayDeque<>();

	private int size;

	private long droppedChars;

	ReplayBuffer(int capacity) {
		if (capacity <= 0) {
			throw new IllegalArgumentException("capacity must be positive");
		}
		this.capacity = capacity;
	}

	void append(String text) {
		if (text.isEmpty()) {
			return;
		}
		this.chunks.addLast(text);
		this.size += text.length();
		while (this.size > this.capacity) {
			String oldest = this.chunks.removeFirst();
			int excess = this.size - this.capacity;
			if (oldest.length() > excess) {
				int cut = excess;
				// never leave half of a surrogate pair at the front
				if (Character.isLowSurrogate(oldest.charAt(cut))) {
					cut++;
				}
				this.chunks.addFirst(oldest.substring(cut));
				this.size -= cut;
				this.droppedChars += cut;
			}
			else {
				this.size -= oldest.length();
				this.droppedChars += oldest.length();
			}
		}
	}

	/** Everything kept, oldest first, after a marker if output was dropped; the buffer is then empty. */
	List<String> drain() {
		List<String> replay = new ArrayList<>(this.chunks.size() + 1);
		if (this.droppedChars > 0) {
			replay.add(marker(this.droppedChars));
		}
		replay.addAll(this.chunks);
		this.chunks.clear();
		this.size = 0;
		this.droppedChars = 0;
		return replay;
	}

	/** The line a terminal shows where output was dropped, on a line of its own. */
	static String marker(long droppedChars) {
		return "\r\n[envstream: " + droppedChars + " characters of output dropped while detached]\r\n";
	}

}
