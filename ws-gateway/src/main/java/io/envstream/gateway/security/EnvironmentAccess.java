package io.envstream.gateway.security;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * May a caller see an environment: its owner, its team, a grant in {@code environment_acl} for the
 * user or the team, or the admin scope. Reads the {@code environments} table the persister keeps.
 */
@Component
public class EnvironmentAccess {

	public enum Decision {
		UNKNOWN, FORBIDDEN, ALLOWED
	}

	/** An environment as its descriptor describes it (its state is in the gateway's status view). */
	public record Environment(String id, String name, String image, String hostId, String owner, String team,
			boolean removed) {
	}

	private static final String VISIBLE = """
			(:admin OR e.owner = :user OR (e.team IS NOT NULL AND e.team = :team)
			 OR EXISTS (SELECT 1 FROM environment_acl a WHERE a.environment_id = e.environment_id
			   AND ((a.principal_type = 'user' AND a.principal = :user)
			     OR (a.principal_type = 'team' AND a.principal = :team))))""";

	private final JdbcClient jdbc;

	EnvironmentAccess(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Decision check(String environmentId, Caller caller) {
		List<Boolean> rows = this.jdbc
			.sql("SELECT " + VISIBLE + " FROM environments e WHERE e.environment_id = :id")
			.param("id", environmentId)
			.param("admin", caller.admin())
			.param("user", caller.user())
			.param("team", caller.team())
			.query(Boolean.class)
			.list();
		if (rows.isEmpty()) {
			return Decision.UNKNOWN;
		}
		return Boolean.TRUE.equals(rows.get(0)) ? Decision.ALLOWED : Decision.FORBIDDEN;
	}

	public List<Environment> visible(Caller caller) {
		return this.jdbc.sql("SELECT environment_id, name, image, host_id, owner, team, removed_at IS NOT NULL"
				+ " AS removed FROM environments e WHERE " + VISIBLE + " ORDER BY environment_id")
			.param("admin", caller.admin())
			.param("user", caller.user())
			.param("team", caller.team())
			.query((rs, n) -> new Environment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getBoolean(7)))
			.list();
	}

}
