package io.envstream.processor.topology;

import java.util.Map;

import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimRulesTests {

	private static final long NOW = 1_700_000_000_000L;

	@Test
	void firstLineClaimsTheIdForItsHostWithLabelsStillUnknown() {
		ClaimRules.Verdict verdict = ClaimRules.line("env-a", null, "host-1", NOW);

		assertThat(verdict.accepted()).isTrue();
		assertThat(verdict.claim().getHostId()).isEqualTo("host-1");
		assertThat(verdict.claim().getOwnerKnown()).isFalse();
		assertThat(verdict.claim().getClaimedMillis()).isEqualTo(NOW);
	}

	@Test
	void lineFromTheClaimedHostIsAcceptedWithoutChangingTheClaim() {
		ClaimRules.Verdict verdict = ClaimRules.line("env-a", claim("host-1", "alice", "payments"), "host-1", NOW);

		assertThat(verdict).isEqualTo(ClaimRules.Verdict.ACCEPTED);
	}

	@Test
	void lineFromAnotherHostIsRefused() {
		ClaimRules.Verdict verdict = ClaimRules.line("env-a", claim("host-1", "alice", null), "host-2", NOW);

		assertThat(verdict.conflict()).isEqualTo(ClaimConflict.HOST);
		assertThat(verdict.reason()).isEqualTo("environment 'env-a' belongs to host 'host-1', not 'host-2'");
		assertThat(verdict.claim()).isNull();
	}

	@Test
	void firstDescriptorClaimsHostOwnerAndTeam() {
		ClaimRules.Verdict verdict = ClaimRules.descriptor(null, descriptor("host-1", "alice", "payments"), NOW);

		assertThat(verdict.accepted()).isTrue();
		assertThat(verdict.claim()).isEqualTo(claim("host-1", "alice", "payments"));
	}

	@Test
	void firstDescriptorAfterLinesSettlesTheLabels() {
		EnvironmentClaim byLines = ClaimRules.line("env-a", null, "host-1", NOW).claim();

		ClaimRules.Verdict verdict = ClaimRules.descriptor(byLines, descriptor("host-1", "alice", null), NOW + 5);

		assertThat(verdict.accepted()).isTrue();
		assertThat(verdict.claim()).isEqualTo(claim("host-1", "alice", null));
	}

	@Test
	void descriptorFromAnotherHostIsRefusedEvenWithTheSameLabels() {
		ClaimRules.Verdict verdict = ClaimRules.descriptor(claim("host-1", "alice", "payments"),
				descriptor("host-2", "alice", "payments"), NOW);

		assertThat(verdict.conflict()).isEqualTo(ClaimConflict.HOST);
	}

	@Test
	void descriptorFromAnotherHostIsRefusedWhileOnlyLinesClaimedTheId() {
		EnvironmentClaim byLines = ClaimRules.line("env-a", null, "host-1", NOW).claim();

		assertThat(ClaimRules.descriptor(byLines, descriptor("host-2", "mallory", null), NOW).conflict())
			.isEqualTo(ClaimConflict.HOST);
	}

	@Test
	void descriptorWithAnotherOwnerLabelIsRefused() {
		ClaimRules.Verdict verdict = ClaimRules.descriptor(claim("host-1", "alice", "payments"),
				descriptor("host-1", "mallory", "payments"), NOW);

		assertThat(verdict.conflict()).isEqualTo(ClaimConflict.OWNER);
		assertThat(verdict.reason()).isEqualTo("environment 'env-a' belongs to owner 'alice', not 'mallory'");
	}

	@Test
	void descriptorThatAddsAnOwnerWhereTheClaimHasNoneIsRefused() {
		ClaimRules.Verdict verdict = ClaimRules.descriptor(claim("host-1", null, null),
				descriptor("host-1", "mallory", null), NOW);

		assertThat(verdict.conflict()).isEqualTo(ClaimConflict.OWNER);
		assertThat(verdict.reason()).isEqualTo("environment 'env-a' belongs to owner (none), not 'mallory'");
	}

	@Test
	void descriptorWithAnotherTeamLabelIsRefused() {
		ClaimRules.Verdict verdict = ClaimRules.descriptor(claim("host-1", "alice", "payments"),
				descriptor("host-1", "alice", "search"), NOW);

		assertThat(verdict.conflict()).isEqualTo(ClaimConflict.TEAM);
	}

	@Test
	void descriptorMatchingTheClaimIsAcceptedWithoutChangingIt() {
		assertThat(ClaimRules.descriptor(claim("host-1", "alice", "payments"), descriptor("host-1", "alice", "payments"),
				NOW))
			.isEqualTo(ClaimRules.Verdict.ACCEPTED);
	}

	private static EnvironmentClaim claim(String hostId, String owner, String team) {
		return EnvironmentClaim.newBuilder()
			.setEnvId("env-a")
			.setHostId(hostId)
			.setOwner(owner)
			.setTeam(team)
			.setClaimedMillis(NOW)
			.build();
	}

	static EnvironmentDescriptor descriptor(String hostId, String owner, String team) {
		return EnvironmentDescriptor.newBuilder()
			.setEnvId("env-a")
			.setHostId(hostId)
			.setContainerId("c-" + hostId + "-" + owner)
			.setName("app")
			.setImage("envstream/demo:local")
			.setLabels(Map.of("envstream.environment", "env-a"))
			.setOwner(owner)
			.setTeam(team)
			.setAgentUrl(null)
			.setCreatedMillis(NOW)
			.build();
	}

}
