package io.envstream.gateway.ws;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

import io.envstream.gateway.limits.ConnectionLimits;
import io.envstream.gateway.limits.ConnectionLimits.Admission;
import io.envstream.gateway.limits.ConnectionLimits.Lease;
import io.envstream.gateway.security.Caller;
import io.envstream.gateway.security.EnvironmentAccess;
import io.envstream.gateway.security.Permission;
import io.envstream.gateway.security.TokenVerifier;
import io.envstream.gateway.security.TokenVerifier.Verified;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The checks every environment endpoint runs on a new connection: token (4401), connect rate (4429:
 * before the access query, so a client over the rate costs one cheap query per attempt and learns
 * nothing of the environment), environment (4404), access (4403: reading it, then the endpoint's
 * permission), the endpoint's own query (1008: after access so it tells a stranger nothing) and own
 * limits (4429, such as detached terminal sessions), then the cluster-wide connection limits (4429).
 * PROTOCOL.md has the rate with the other limits; it moved ahead of the access check deliberately.
 * The connect rate per client address ran before all of these, before the upgrade (HTTP 429).
 */
@Component
public class ConnectionAdmission {

	static final String TOKEN_ATTRIBUTE = "envstream.token";

	static final String ENVIRONMENT_ATTRIBUTE = "envstream.environment";

	/**
	 * Reads an endpoint's query once the caller may access the environment.
	 * @param <R> the endpoint's request
	 */
	@FunctionalInterface
	public interface RequestParser<R> {

		/**
		 * @throws BadRequestException to refuse the connection with 1008 and the exception's message
		 * @throws OverLimitException to refuse it with 4429 and the exception's message
		 * @throws Exception when a store cannot answer (the connection closes with 1011)
		 */
		R parse(URI uri, Caller caller, String environmentId) throws Exception;

	}

	/** A query the endpoint refuses: the connection closes with 1008 and this message. */
	public static class BadRequestException extends RuntimeException {

		public BadRequestException(String message) {
			super(message);
		}

	}

	/** A limit of the endpoint's own is reached: the connection closes with 4429 and this message. */
	public static class OverLimitException extends RuntimeException {

		public OverLimitException(String message) {
			super(message);
		}

	}

	/**
	 * The outcome: {@code refusal} to close with, or who connected to what, with the lease to
	 * release when the connection closes.
	 * @param <R> the endpoint's request
	 * @param refusal the close for a failed check, or {@code null}
	 * @param caller the verified caller
	 * @param environmentId the environment of the path
	 * @param request the endpoint's parsed query
	 * @param lease the connection's lease
	 * @param tokenExpiresAt when the token expires: {@link AccessWatch} closes the connection then
	 */
	public record Decision<R>(CloseStatus refusal, Caller caller, String environmentId, Permission required,
			R request, Lease lease, Instant tokenExpiresAt) {

		static <R> Decision<R> refuse(int code, String reason) {
			return new Decision<>(new CloseStatus(code, reason), null, null, null, null, null, null);
		}

	}

	private final TokenVerifier tokens;

	private final EnvironmentAccess access;

	private final ConnectionLimits limits;

	ConnectionAdmission(TokenVerifier tokens, EnvironmentAccess access, ConnectionLimits limits) {
		this.tokens = tokens;
		this.access = access;
		this.limits = limits;
	}

	/** The environment id of the upgrade's path. */
	public static String environmentId(WebSocketSession session) {
		return (String) session.getAttributes().get(ENVIRONMENT_ATTRIBUTE);
	}

	/**
	 * Runs the checks for a session of {@code endpoint} (the limits' name for it) that reads the
	 * environment.
	 * @throws Exception when PostgreSQL cannot answer (the caller closes with 1011)
	 */
	public <R> Decision<R> check(WebSocketSession session, String endpoint, RequestParser<R> parser)
			throws Exception {
		return check(session, endpoint, Permission.READ, parser);
	}

	/**
	 * Runs the checks for a session of {@code endpoint} (the limits' name for it) that needs
	 * {@code required} in the environment. The token is taken out of the session's attributes, so
	 * it is held no longer than needed.
	 * @throws Exception when PostgreSQL cannot answer (the caller closes with 1011)
	 */
	public <R> Decision<R> check(WebSocketSession session, String endpoint, Permission required,
			RequestParser<R> parser) throws Exception {
		String token = (String) session.getAttributes().remove(TOKEN_ATTRIBUTE);
		String environmentId = environmentId(session);
		Verified verified = this.tokens.verify(token).orElse(null);
		if (verified == null) {
			return Decision.refuse(4401, "invalid or missing token");
		}
		if (!verified.expiresAt().isAfter(Instant.now())) {
			// within the decoder's clock skew allowance: admitted, it would be closed at the next expiry pass
			return Decision.refuse(4401, AccessWatch.TOKEN_EXPIRED.getReason());
		}
		Caller caller = verified.caller();
		// before the access check: a user over the rate costs one cheap query per attempt, not the access query
		if (!this.limits.takeConnectToken(caller.user())) {
			return Decision.refuse(4429, ConnectionLimits.RATE_EXCEEDED);
		}
		Set<Permission> permissions = this.access.permissions(environmentId, caller).orElse(null);
		if (permissions == null) {
			return Decision.refuse(4404, "environment not found");
		}
		if (!permissions.contains(Permission.READ)) {
			return Decision.refuse(4403, "access to this environment denied");
		}
		if (!permissions.contains(required)) {
			// the caller may read the environment, so naming what is missing tells them nothing new
			return Decision.refuse(4403, required.label() + " permission required");
		}
		R request;
		try {
			request = parser.parse(session.getUri(), caller, environmentId);
		}
		catch (BadRequestException | IllegalArgumentException ex) {
			return Decision.refuse(1008, ex.getMessage());
		}
		catch (OverLimitException ex) {
			return Decision.refuse(4429, ex.getMessage());
		}
		Admission admission = this.limits.acquireLease(caller.user(), environmentId, endpoint);
		if (!admission.admitted()) {
			return Decision.refuse(4429, admission.refusal());
		}
		return new Decision<>(null, caller, environmentId, required, request, admission.lease(),
				verified.expiresAt());
	}

}
