package io.envstream.processor.topology;

import java.util.Objects;

import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.EnvironmentDescriptor;

/**
 * An environment id belongs to its first claim: the host of the first line or descriptor, and the owner and team
 * labels of the first descriptor. A line or descriptor from another host, and a descriptor with other labels, is
 * refused; only an admin's move ({@code envstream.environments.claims}) changes a claim. Pure: the processors keep
 * the claims.
 */
final class ClaimRules {

	/**
	 * What to do with a line or descriptor.
	 * @param claim the claim to keep from now on, or {@code null} when it does not change
	 * @param conflict why it is refused, or {@code null} when it is accepted
	 * @param reason the refusal in words, or {@code null} when it is accepted
	 */
	record Verdict(EnvironmentClaim claim, ClaimConflict conflict, String reason) {

		static final Verdict ACCEPTED = new Verdict(null, null, null);

		boolean accepted() {
			return this.conflict == null;
		}

		static Verdict claiming(EnvironmentClaim claim) {
			return new Verdict(claim, null, null);
		}

		static Verdict refused(ClaimConflict conflict, String reason) {
			return new Verdict(null, conflict, reason);
		}

	}

	private ClaimRules() {
	}

	/** A line from {@code hostId}: it claims an unclaimed id for its host, and is taken only from that host. */
	static Verdict line(String environmentId, EnvironmentClaim claim, String hostId, long now) {
		if (claim == null) {
			return Verdict.claiming(EnvironmentClaim.newBuilder()
				.setEnvId(environmentId)
				.setHostId(hostId)
				.setOwnerKnown(false)
				.setClaimedMillis(now)
				.build());
		}
		return sameHost(environmentId, claim, hostId);
	}

	/**
	 * A descriptor: it claims an unclaimed id with its host, owner and team, settles the labels of an id that only
	 * lines claimed so far, and is otherwise taken only from the same host with the same owner and team.
	 */
	static Verdict descriptor(EnvironmentClaim claim, EnvironmentDescriptor descriptor, long now) {
		if (claim == null) {
			return Verdict.claiming(EnvironmentClaim.newBuilder()
				.setEnvId(descriptor.getEnvId())
				.setHostId(descriptor.getHostId())
				.setOwner(descriptor.getOwner())
				.setTeam(descriptor.getTeam())
				.setClaimedMillis(now)
				.build());
		}
		Verdict host = sameHost(descriptor.getEnvId(), claim, descriptor.getHostId());
		if (!host.accepted()) {
			return host;
		}
		if (!claim.getOwnerKnown()) {
			return Verdict.claiming(EnvironmentClaim.newBuilder(claim)
				.setOwnerKnown(true)
				.setOwner(descriptor.getOwner())
				.setTeam(descriptor.getTeam())
				.build());
		}
		if (!Objects.equals(claim.getOwner(), descriptor.getOwner())) {
			return Verdict.refused(ClaimConflict.OWNER, "environment '" + descriptor.getEnvId() + "' belongs to owner "
					+ quoted(claim.getOwner()) + ", not " + quoted(descriptor.getOwner()));
		}
		if (!Objects.equals(claim.getTeam(), descriptor.getTeam())) {
			return Verdict.refused(ClaimConflict.TEAM, "environment '" + descriptor.getEnvId() + "' belongs to team "
					+ quoted(claim.getTeam()) + ", not " + quoted(descriptor.getTeam()));
		}
		return Verdict.ACCEPTED;
	}

	private static Verdict sameHost(String environmentId, EnvironmentClaim claim, String hostId) {
		if (claim.getHostId().equals(hostId)) {
			return Verdict.ACCEPTED;
		}
		return Verdict.refused(ClaimConflict.HOST, "environment '" + environmentId + "' belongs to host '"
				+ claim.getHostId() + "', not '" + hostId + "'");
	}

	private static String quoted(String label) {
		return (label != null) ? "'" + label + "'" : "(none)";
	}

}
