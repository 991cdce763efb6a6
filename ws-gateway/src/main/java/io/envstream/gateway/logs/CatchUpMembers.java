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
 * repeat. Pure bookkeeping, touched by the read's thread only.
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

	/** The members with every line before {@code position}: they may join live there. */
	List<Member> caughtUp(long position) {
		List<Member> caughtUp = new ArrayList<>();
		for (Member member : this.members) {
			if (!member.waiting && member.next >= position) {
				caughtUp.add(member);
			}
		}
		return caughtUp;
	}

}
