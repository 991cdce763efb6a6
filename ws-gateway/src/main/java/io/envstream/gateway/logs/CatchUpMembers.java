package io.envstream.gateway.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The book of one shared catch-up read: for each client it serves, the offset before which it has
 * every line ({@code next}), and whether it waits for room in its queue. The read goes on from the
 * lowest {@code next} of the clients that do not wait; a record goes to the clients whose {@code next}
 * it reaches; a client whose queue fills stops taking at that record and waits, while the read moves on
 * for the others, and is served again from that record once its queue has room. Only a client with
 * every line up to the read's position joins live there, so the hand-over leaves no gap and no
 * repeat; one whose queue is more than half full waits for room first. Pure bookkeeping, touched by the
 * read's thread only.
 */
final class CatchUpMembers {

	/** A client of the read, as the reader of its {@code generation}. */
	static final class Member {

		final Subscription subscription;

		final long generation;

		private long next;

		private boolean waiting;

		Member(Subscription subscription, long generation, long next) {
			this.subscription = subscription;
			this.generation = generation;
			this.next = next;
		}

		long next() {
			return this.next;
		}

		boolean waiting() {
			return this.waiting;
		}

		/** Whether the read still feeds it: not paused, closed or joined live since. */
		boolean isFed() {
			return this.subscription.generation() == this.generation
					&& this.subscription.mode() == Subscription.Mode.CATCHING_UP;
		}

		/** Whether its queue is at most half full: worth a seek back, and room for live's next lines. */
		boolean hasRoom() {
			return this.subscription.readsWithRoom(this.generation);
		}

	}

	private final List<Member> members = new ArrayList<>();

	void add(Member member) {
		this.members.add(member);
	}

	boolean isEmpty() {
		return this.members.isEmpty();
	}

	int size() {
		return this.members.size();
	}

	/** Drops the members the read no longer feeds; @return them */
	List<Member> removeIf(Predicate<Member> gone) {
		List<Member> removed = new ArrayList<>();
		this.members.removeIf((member) -> gone.test(member) && removed.add(member));
		return removed;
	}

	void remove(Member member) {
		this.members.remove(member);
	}

	/**
	 * Lets the waiting members with room take again, then @return the offset to read from: the lowest
	 * {@code next} of the members that do not wait, or -1 when every member waits.
	 */
	long readFrom(Predicate<Member> hasRoom) {
		long from = -1;
		for (Member member : this.members) {
			if (member.waiting && hasRoom.test(member)) {
				member.waiting = false;
			}
			if (!member.waiting && (from < 0 || member.next < from)) {
				from = member.next;
			}
		}
		return from;
	}

	/** The members that take the record at {@code offset} of {@code environmentId}. */
	List<Member> takers(String environmentId, long offset) {
		List<Member> takers = new ArrayList<>();
		for (Member member : this.members) {
			if (!member.waiting && member.next <= offset && member.subscription.environmentId.equals(environmentId)) {
				takers.add(member);
			}
		}
		return takers;
	}

	/** The member's queue is full within the record at {@code offset}: it waits, to take that record again. */
	void full(Member member, long offset) {
		member.waiting = true;
		member.next = offset;
	}

	/** The read has handed out everything before {@code position}: every member that does not wait has it. */
	void readTo(long position) {
		for (Member member : this.members) {
			if (!member.waiting) {
				member.next = Math.max(member.next, position);
			}
		}
	}

	/**
	 * The hand-over at the partition's end {@code position}: @return the members with every line before it and
	 * room for what live brings next, to join live there. A member with every line but no room waits for room,
	 * then is ready at its next turn: joining live with a full queue, it would overflow at live's next lines.
	 */
	List<Member> readyForLive(long position, Predicate<Member> hasRoom) {
		List<Member> ready = new ArrayList<>();
		for (Member member : this.members) {
			if (!member.waiting && member.next >= position) {
				if (hasRoom.test(member)) {
					ready.add(member);
				}
				else {
					member.waiting = true;
				}
			}
		}
		return ready;
	}

}
