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
			  updated_at = now()""";

	private static final String REMOVE = """
			UPDATE environments SET removed_at = coalesce(removed_at, ?), updated_at = now()
			WHERE environment_id = ?""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	EnvironmentWriter(JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	void write(List<Change> changes) {
		this.transaction.executeWithoutResult((status) -> changes.forEach(this::apply));
	}

	private void apply(Change change) {
		Timestamp publishedAt = new Timestamp(change.publishedAtMillis());
		EnvironmentDescriptor descriptor = change.descriptor();
		if (descriptor == null) {
			this.jdbc.update(REMOVE, publishedAt, change.environmentId());
			return;
		}
		this.jdbc.update(UPSERT, descriptor.getEnvId(), descriptor.getHostId(), descriptor.getContainerId(),
				descriptor.getName(), descriptor.getImage(), CopyRows.Json.object(descriptor.getLabels()),
				descriptor.getOwner(), descriptor.getTeam(), descriptor.getAgentUrl(),
				new Timestamp(descriptor.getCreatedMillis()), descriptor.getRemoved() ? publishedAt : null);
	}

	/**
	 * One record of envstream.environments.
	 * @param environmentId its key
	 * @param descriptor its value; {@code null} for a tombstone
	 * @param publishedAtMillis its Kafka timestamp
	 */
	record Change(String environmentId, EnvironmentDescriptor descriptor, long publishedAtMillis) {

	}

}
