package io.envstream.gateway.terminal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where an environment's shell can run: its current container and the agent of its host, from
 * the {@code environments} table the persister keeps from {@code envstream.environments}.
 */
@Component
class AgentDirectory {

	/**
	 * @param url the agent's internal WebSocket URL
	 * @param containerId the environment's container
	 * @param hostId the Docker host it runs on
	 */
	record Agent(String url, String containerId, String hostId) {
	}

	private final JdbcClient jdbc;

	AgentDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The agent of a present environment that has one; empty when removed or without agent. */
	Optional<Agent> find(String environmentId) {
		return this.jdbc
			.sql("SELECT agent_url, container_id, host_id FROM environments WHERE environment_id = :id"
					+ " AND removed_at IS NULL AND agent_url IS NOT NULL AND container_id IS NOT NULL")
			.param("id", environmentId)
			.query((rs, n) -> new Agent(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

}
