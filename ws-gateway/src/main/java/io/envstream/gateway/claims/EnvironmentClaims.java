package io.envstream.gateway.claims;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.envstream.schemas.avro.EnvironmentClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claim of an environment id as PostgreSQL keeps it (the host, owner and team columns of its
 * {@code environments} row, which the persister never overwrites from a conflicting descriptor), the descriptors
 * refused for conflicting with it, and an admin's move of it.
 */
@Service
public class EnvironmentClaims {

	private static final Logger logger = LoggerFactory.getLogger(EnvironmentClaims.class);

	/** How many refusals {@link #claim} lists, newest first. */
	static final int REFUSALS_LISTED = 50;

	/**
	 * Whom an environment belongs to.
	 * @param refusals the latest descriptors refused for conflicting with it, newest first
	 */
	record Claim(String environmentId, String hostId, String owner, String team, List<Refusal> refusals) {
	}

	/**
	 * A descriptor the persister refused.
	 * @param reason what conflicted: {@code host}, {@code owner} or {@code team}
	 */
	record Refusal(String reason, String hostId, String containerId, String owner, String team,
			String claimedHostId, String claimedOwner, String claimedTeam, Instant publishedAt, Instant refusedAt) {
	}

	/** Where an environment goes; {@code null} owner or team keeps the current one. */
	record Move(String hostId, String owner, String team) {
	}

	/** The move could not be published; nothing changed. */
	static final class MoveFailedException extends RuntimeException {

		MoveFailedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final ClaimPublisher publisher;

	EnvironmentClaims(JdbcClient jdbc, TransactionTemplate transaction, ClaimPublisher publisher) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.publisher = publisher;
	}

	/** The host an environment id belongs to; empty when the environment is unknown. */
	public Optional<String> hostOf(String environmentId) {
		return this.jdbc.sql("SELECT host_id FROM environments WHERE environment_id = :id")
			.param("id", environmentId)
			.query(String.class)
			.optional();
	}

	Optional<Claim> claim(String environmentId) {
		return this.jdbc.sql("SELECT host_id, owner, team FROM environments WHERE environment_id = :id")
			.param("id", environmentId)
			.query((rs, n) -> new Claim(environmentId, rs.getString(1), rs.getString(2), rs.getString(3),
					refusals(environmentId)))
			.optional();
	}

	/**
	 * Moves the environment: its row takes the new host (and owner, team) and forgets the old host's container and
	 * agent, so no terminal is routed until the new host describes it; the stream processor learns the move from
	 * {@code envstream.environments.claims}. Both happen or neither: the row is updated in a transaction that
	 * commits only once the broker has the move.
	 * @return the claim now in force, or empty when the environment is unknown
	 */
	Optional<Claim> move(String environmentId, Move move, String admin) {
		return this.transaction.execute((status) -> {
			Optional<Claim> current = this.jdbc
				.sql("SELECT host_id, owner, team FROM environments WHERE environment_id = :id FOR UPDATE")
				.param("id", environmentId)
				.query((rs, n) -> new Claim(environmentId, rs.getString(1), rs.getString(2), rs.getString(3),
						List.of()))
				.optional();
			if (current.isEmpty()) {
				return current;
			}
			String owner = (move.owner() != null) ? move.owner() : current.get().owner();
			String team = (move.team() != null) ? move.team() : current.get().team();
			this.jdbc.sql("UPDATE environments SET host_id = :host, owner = :owner, team = :team,"
					+ " container_id = NULL, agent_url = NULL, updated_at = now() WHERE environment_id = :id")
				.param("host", move.hostId())
				.param("owner", owner)
				.param("team", team)
				.param("id", environmentId)
				.update();
			publish(EnvironmentClaim.newBuilder()
				.setEnvId(environmentId)
				.setHostId(move.hostId())
				.setOwner(owner)
				.setTeam(team)
				.setClaimedBy(admin)
				.setClaimedMillis(System.currentTimeMillis())
				.build());
			logger.info("Environment '{}' moved by '{}' from host '{}' to host '{}'", environmentId, admin,
					current.get().hostId(), move.hostId());
			return Optional.of(new Claim(environmentId, move.hostId(), owner, team, refusals(environmentId)));
		});
	}

	private void publish(EnvironmentClaim claim) {
		try {
			this.publisher.publish(claim);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MoveFailedException("interrupted while publishing the move", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new MoveFailedException("the move could not be published to Kafka: " + ex, ex);
		}
	}

	private List<Refusal> refusals(String environmentId) {
		return this.jdbc.sql("""
				SELECT reason, host_id, container_id, owner, team, claimed_host_id, claimed_owner, claimed_team,
				  published_at, refused_at
				FROM environment_claim_refusals WHERE environment_id = :id ORDER BY refused_at DESC LIMIT :limit""")
			.param("id", environmentId)
			.param("limit", REFUSALS_LISTED)
			.query((rs, n) -> new Refusal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant()))
			.list();
	}

}
