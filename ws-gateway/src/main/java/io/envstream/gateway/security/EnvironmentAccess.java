package io.envstream.gateway.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * What a caller may do in an environment ({@link Standing#permissions()}): read as its owner, its
 * team, a grant in {@code environment_acl} for the user or the team, or the admin scope; exec as
 * its owner, an {@code exec} grant, or the admin scope. Reads the {@code environments} table the
 * persister keeps.
 */
@Component
public class EnvironmentAccess {

	public enum Decision {
		UNKNOWN, FORBIDDEN, ALLOWED
	}

	/**
	 * An environment as its descriptor describes it (its state is in the gateway's status view).
	 * @param labels the container's labels (a JSON object of strings in the table)
	 * @param permissions what the caller may do in it, never empty
	 */
	public record Environment(String id, String name, String image, String hostId, String owner, String team,
			Map<String, String> labels, boolean removed, Set<Permission> permissions) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
	};

	private static final String OWNER = "coalesce(e.owner = :user, false)";

	private static final String TEAM_MEMBER = "coalesce(e.team = :team, false)";

	private static final String GRANTED = """
			EXISTS (SELECT 1 FROM environment_acl a WHERE a.environment_id = e.environment_id
			  AND ((a.principal_type = 'user' AND a.principal = :user)
			    OR (a.principal_type = 'team' AND a.principal = :team))%s)""";

	/** The columns {@link #standing} reads, from {@code environments e}. */
	private static final String STANDING = String.join(", ", OWNER, TEAM_MEMBER, GRANTED.formatted(""),
			GRANTED.formatted(" AND a.permission = 'exec'"));

	/** Some standing at all: the rows {@link Standing#permissions()} gives at least read. */
	private static final String VISIBLE = "(:admin OR " + OWNER + " OR " + TEAM_MEMBER + " OR "
			+ GRANTED.formatted("") + ")";

	private final JdbcClient jdbc;

	EnvironmentAccess(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** May the caller read the environment. */
	public Decision check(String environmentId, Caller caller) {
		return check(environmentId, caller, Permission.READ);
	}

	/**
	 * For a REST endpoint that serves what the environment's readers may see: returns when the caller may read it.
	 * @throws ResponseStatusException 404 when the environment is unknown, 403 when the caller may not read it
	 */
	public void requireRead(String environmentId, Caller caller) {
		switch (check(environmentId, caller)) {
			case UNKNOWN -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "environment not found");
			case FORBIDDEN -> throw new ResponseStatusException(HttpStatus.FORBIDDEN, "access to this environment denied");
			case ALLOWED -> {
			}
		}
	}

	/** Has the caller {@code required} in the environment. */
	public Decision check(String environmentId, Caller caller, Permission required) {
		return permissions(environmentId, caller)
			.map((permissions) -> permissions.contains(required) ? Decision.ALLOWED : Decision.FORBIDDEN)
			.orElse(Decision.UNKNOWN);
	}

	/** What the caller may do in the environment (maybe nothing); empty when the environment is unknown. */
	public Optional<Set<Permission>> permissions(String environmentId, Caller caller) {
		return this.jdbc.sql("SELECT " + STANDING + " FROM environments e WHERE e.environment_id = :id")
			.param("id", environmentId)
			.param("user", caller.user())
			.param("team", caller.team())
			.query((rs, n) -> standing(caller, rs, 1).permissions())
			.optional();
	}

	public List<Environment> visible(Caller caller) {
		return this.jdbc.sql("SELECT environment_id, name, image, host_id, owner, team, labels::text, removed_at IS NOT NULL"
				+ " AS removed, " + STANDING + " FROM environments e WHERE " + VISIBLE + " ORDER BY environment_id")
			.param("admin", caller.admin())
			.param("user", caller.user())
			.param("team", caller.team())
			.query((rs, n) -> new Environment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), JSON.readValue(rs.getString(7), LABELS), rs.getBoolean(8),
					standing(caller, rs, 9).permissions()))
			.list();
	}

	private static Standing standing(Caller caller, ResultSet rs, int firstColumn) throws SQLException {
		return new Standing(caller.admin(), rs.getBoolean(firstColumn), rs.getBoolean(firstColumn + 1),
				rs.getBoolean(firstColumn + 2), rs.getBoolean(firstColumn + 3));
	}

}
