package io.envstream.gateway.logs;

import java.util.List;

import io.envstream.gateway.logs.CatchUpMembers.Member;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpMembersTests {

	private static Member member(String environmentId, long next) {
		Subscription subscription = new Subscription(environmentId + "-client", environmentId, 0, true,
				LineFilter.ALL, 100, null, null, null);
		return new Member(subscription, subscription.generation(), next);
	}

	@Test
	void readsFromTheLowestPositionOfTheMembersThatDoNotWait() {
		CatchUpMembers members = new CatchUpMembers();
		Member ahead = member("env", 40);
		Member behind = member("env", 25);
		members.add(ahead);
		members.add(behind);
		assertThat(members.readFrom((m) -> false)).isEqualTo(25);
		members.full(behind, 30);
		assertThat(members.readFrom((m) -> false)).isEqualTo(40);
	}

	@Test
	void aRecordGoesToTheMembersOfItsEnvironmentThatHaveNotGotItYet() {
		CatchUpMembers members = new CatchUpMembers();
		Member ahead = member("env", 40);
		Member behind = member("env", 25);
		Member other = member("other", 0);
		members.add(ahead);
		members.add(behind);
		members.add(other);
		assertThat(members.takers("env", 30)).containsExactly(behind);
		assertThat(members.takers("env", 40)).containsExactly(ahead, behind);
		assertThat(members.takers("other", 40)).containsExactly(other);
		assertThat(members.takers(null, 40)).isEmpty();
	}

	@Test
	void aFullMemberWaitsWhileTheReadMovesOnThenIsServedAgainFromTheRecordWhereItStopped() {
		// given two clients served from offset 0
		CatchUpMembers members = new CatchUpMembers();
		Member fast = member("env", 0);
		Member slow = member("env", 0);
		members.add(fast);
		members.add(slow);
		// when the slow one's queue fills within the record at 3 and the read goes on to 10
		members.full(slow, 3);
		assertThat(members.takers("env", 4)).containsExactly(fast);
		members.readTo(10);
		// then the read serves the fast one on while the slow one has no room, and goes back to 3 once it has
		assertThat(members.readFrom((m) -> false)).isEqualTo(10);
		assertThat(members.readFrom((m) -> m == slow)).isEqualTo(3);
		assertThat(slow.waiting()).isFalse();
		assertThat(members.takers("env", 3)).containsExactly(slow);
		assertThat(members.takers("env", 10)).containsExactly(fast, slow);
	}

	@Test
	void onlyAMemberWithEveryLineBeforeThePositionJoinsLiveThere() {
		CatchUpMembers members = new CatchUpMembers();
		Member caughtUp = member("env", 0);
		Member waiting = member("env", 0);
		members.add(caughtUp);
		members.add(waiting);
		members.full(waiting, 7);
		members.readTo(12);
		assertThat(members.readyForLive(12, (m) -> true)).containsExactly(caughtUp);
		assertThat(waiting.next()).isEqualTo(7);
		members.remove(caughtUp);
		assertThat(members.readFrom((m) -> true)).isEqualTo(7);
		assertThat(members.readyForLive(12, (m) -> true)).isEmpty();
		members.readTo(12);
		assertThat(members.readyForLive(12, (m) -> true)).containsExactly(waiting);
	}

	@Test
	void aMemberWithEveryLineButAFullQueueWaitsForRoomBeforeJoiningLive() {
		// given two members at the partition's end, one of them with its queue more than half full
		CatchUpMembers members = new CatchUpMembers();
		Member roomy = member("env", 0);
		Member full = member("env", 0);
		members.add(roomy);
		members.add(full);
		members.readTo(12);
		// when the read hands over at 12, then only the roomy one joins; the other waits, read nothing more for
		assertThat(members.readyForLive(12, (m) -> m == roomy)).containsExactly(roomy);
		assertThat(full.waiting()).isTrue();
		assertThat(full.next()).isEqualTo(12);
		members.remove(roomy);
		assertThat(members.readFrom((m) -> false)).isEqualTo(-1);
		assertThat(members.readyForLive(12, (m) -> true)).isEmpty();
		// when its queue fell to half, then its next turn starts at 12, where it joins live
		assertThat(members.readFrom((m) -> true)).isEqualTo(12);
		assertThat(members.readyForLive(12, (m) -> true)).containsExactly(full);
	}

	@Test
	void aMemberAheadOfTheHandOverKeepsItsPositionWhileItWaitsForRoom() {
		CatchUpMembers members = new CatchUpMembers();
		Member ahead = member("env", 20);
		members.add(ahead);
		assertThat(members.readyForLive(12, (m) -> false)).isEmpty();
		assertThat(ahead.waiting()).isTrue();
		assertThat(ahead.next()).isEqualTo(20);
	}

	@Test
	void readsNothingWhileEveryMemberWaitsForRoom() {
		CatchUpMembers members = new CatchUpMembers();
		Member only = member("env", 0);
		members.add(only);
		members.full(only, 5);
		members.readTo(9);
		assertThat(members.readFrom((m) -> false)).isEqualTo(-1);
		assertThat(only.next()).isEqualTo(5);
	}

	@Test
	void dropsTheMembersTheReadNoLongerFeeds() {
		CatchUpMembers members = new CatchUpMembers();
		Member stays = member("env", 0);
		Member goes = member("other", 0);
		members.add(stays);
		members.add(goes);
		List<Member> removed = members.removeIf((m) -> m == goes);
		assertThat(removed).containsExactly(goes);
		assertThat(members.size()).isEqualTo(1);
		assertThat(members.takers("other", 0)).isEmpty();
	}

}
