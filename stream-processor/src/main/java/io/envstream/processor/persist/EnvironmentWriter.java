package io.envstream.processor.persist;

import java.sql.Timestamp;
import java.util.List;

import io.envstream.schemas.avro.EnvironmentDescriptor;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the descriptor columns of the environments table in step with envstream.environments, in record order
 * and in one transaction per poll. A descriptor marked removed (or a tombstone) sets removed_at to the time it
 * was published, keeping the earliest; a descriptor that is not removed clears it (the environment came back).
 * Rows are never deleted: the history of a removed environment stays readable.
 * <p>
 * An environment id belongs to its first claim: the host, owner and team of the descriptor that created the row
 * (or of an admin's move, which the gateway writes here). A descriptor from another host, or with another owner or
 * team label, changes nothing (so the terminal and the status stay with the claim) and is recorded in
 * {@code environment_claim_refusals} instead.
 */
class EnvironmentWriter {

	private static final String UPSERT = """
			INSERT INTO environments (environment_id, host_id, container_id, name, image, labels, owner, team,
			  agent_url, created_at, removed_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, now())
			ON CONFLICT (environment_id) DO UPDATE SET host_id = excluded.host_id,
			  container_id = excluded.container_id, name = excluded.name, image = excluded.image,
			  labels = excluded.labels, owner = excluded.owner, team = excluded.team, agent_url = excluded.agent_url,
			  created_at = excluded.created_at,
			  removed_at = CASE WHEN excluded.removed_at IS NULL THEN NULL
			    ELSE coalesce(environments.removed_at, excluded.removed_at) END,
			  updated_at = now()
			WHERE environments.host_id = excluded.host_id AND environments.owner IS NOT DISTINCT FROM excluded.owner
			  AND environments.team IS NOT DISTINCT FROM excluded.team""";

	/** Records why a descriptor was refused, beside the claim it conflicts with; a replay inserts nothing. */
	private static final String REFUSE = """
			INSERT INTO environment_claim_refusals (environment_id, kafka_partition, kafka_offset, reason, host_id,
			  container_id, owner, team, claimed_host_id, claimed_owner, claimed_team, published_at)
			SELECT e.environment_id, ?, ?, CASE WHEN e.host_id <> ? THEN 'host'
			    WHEN e.owner IS DISTINCT FROM ?::text THEN 'owner' ELSE 'team' END,
			  ?, ?, ?, ?, e.host_id, e.owner, e.team, ?
			FROM environments e WHERE e.environment_id = ?
			ON CONFLICT DO NOTHING""";

	private static final String REMOVE = """
			UPDATE environments SET removed_at = coalesce(removed_at, ?), updated_at = now()
			WHERE environment_id = ?""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	EnvironmentWriter(JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/** Applies the changes in one transaction; returns the descriptors refused (and not refused before). */
	List<Change> write(List<Change> changes) {
		return this.transaction.execute((status) -> changes.stream().filter(this::refusedNow).toList());
	}

	/** Applies one change; whether its descriptor conflicts with the row's claim and was newly recorded so. */
	private boolean refusedNow(Change change) {
		Timestamp publishedAt = new Timestamp(change.publishedAtMillis());
		EnvironmentDescriptor descriptor = change.descriptor();
		if (descriptor == null) {
			this.jdbc.update(REMOVE, publishedAt, change.environmentId());
			return false;
		}
		int applied = this.jdbc.update(UPSERT, descriptor.getEnvId(), descriptor.getHostId(),
				descriptor.getContainerId(), descriptor.getName(), descriptor.getImage(),
				CopyRows.Json.object(descriptor.getLabels()), descriptor.getOwner(), descriptor.getTeam(),
				descriptor.getAgentUrl(), new Timestamp(descriptor.getCreatedMillis()),
				descriptor.getRemoved() ? publishedAt : null);
		if (applied > 0) {
			return false;
		}
		return this.jdbc.update(REFUSE, change.partition(), change.offset(), descriptor.getHostId(),
				descriptor.getOwner(), descriptor.getHostId(), descriptor.getContainerId(), descriptor.getOwner(),
				descriptor.getTeam(), publishedAt, descriptor.getEnvId()) > 0;
	}

	/**
	 * One record of envstream.environments.
	 * @param environmentId its key
	 * @param descriptor its value; {@code null} for a tombstone
	 * @param publishedAtMillis its Kafka timestamp
	 * @param partition its Kafka partition
	 * @param offset its Kafka offset
	 */
	record Change(String environmentId, EnvironmentDescriptor descriptor, long publishedAtMillis, int partition,
			long offset) {

	}

}
