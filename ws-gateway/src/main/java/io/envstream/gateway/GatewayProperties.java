package io.envstream.gateway;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ws-gateway, {@code envstream.gateway.*}.
 *
 * @param heartbeatInterval how often the gateway pings an idle connection
 * @param heartbeatTimeout a connection silent for this long is closed
 * @param maxConnectionsPerUser open connections one user may hold, cluster-wide
 * @param maxConnectionsPerEnvironment open connections to one environment, cluster-wide
 * @param maxMessageSize largest WebSocket message accepted or sent
 * @param connectionReadBuffer the read buffer Tomcat keeps for every open connection; bytes arrive
 *        through it in pieces of this size
 * @param maxBatchLines most log lines in one message to a client
 * @param defaultTail history lines sent on subscribe when the client names none
 * @param maxTail most history lines a client may ask for
 * @param connectRateBurst connects a user may make at once, cluster-wide (token bucket capacity)
 * @param connectRatePerSecond connects per second a user regains (token bucket refill)
 * @param leaseTtl a connection lease of a gateway that stopped renewing expires after this
 * @param sendQueueLines lines waiting for one client before it leaves the live fan-out
 * @param maxCatchUpReaders Kafka readers for resume, since and slow clients, per process
 * @param maxReplayReaders readers of paced replays ({@code speed} or {@code until}) at a time, per process;
 *        each holds a thread while it waits out the gaps, further replays wait for one to finish
 * @param grepMaxChars how many characters of a line a grep regex reads; a longer line is matched on
 *        this prefix and still delivered whole
 * @param accessRecheckInterval how often the access of every open connection is checked again in
 *        PostgreSQL (one query per caller and environment); a revoked grant closes it with 4403
 * @param allowedOrigins browser origins (patterns such as {@code https://*.example.com} allowed) that
 *        may open a WebSocket besides the gateway's own origin; a handshake without {@code Origin}
 *        (not a browser) is always let through
 * @param jwt how tokens are verified
 * @param signIn where the web UI signs people in
 */
@ConfigurationProperties("envstream.gateway")
@Validated
public record GatewayProperties(
		@DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration heartbeatInterval,
		@DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration heartbeatTimeout,
		@DefaultValue("50") @Positive int maxConnectionsPerUser,
		@DefaultValue("10") @Positive int maxConnectionsPerEnvironment,
		@DefaultValue("1MB") @NotNull DataSize maxMessageSize,
		@DefaultValue("1KB") @NotNull DataSize connectionReadBuffer,
		@DefaultValue("100") @Positive int maxBatchLines,
		@DefaultValue("100") @PositiveOrZero int defaultTail,
		@DefaultValue("10000") @Positive int maxTail,
		@DefaultValue("20") @Positive int connectRateBurst,
		@DefaultValue("5") @Positive double connectRatePerSecond,
		@DefaultValue("90s") @NotNull @DurationMin(seconds = 1) Duration leaseTtl,
		@DefaultValue("5000") @Positive int sendQueueLines,
		@DefaultValue("32") @Positive int maxCatchUpReaders,
		@DefaultValue("16") @Positive int maxReplayReaders,
		@DefaultValue("16384") @Positive int grepMaxChars,
		@DefaultValue("60s") @NotNull @DurationMin(seconds = 1) Duration accessRecheckInterval,
		@DefaultValue @NotNull List<String> allowedOrigins,
		@DefaultValue @NotNull @Valid Jwt jwt, @DefaultValue @NotNull @Valid SignIn signIn) {

	@AssertTrue(message = "heartbeat-timeout must be longer than heartbeat-interval")
	boolean isHeartbeatTimeoutLongerThanInterval() {
		return this.heartbeatTimeout == null || this.heartbeatInterval == null
				|| this.heartbeatTimeout.compareTo(this.heartbeatInterval) > 0;
	}

	/**
	 * A shared catch-up read serves a client again once its queue is half empty: the next frame (up to
	 * max-batch-lines) must fit in that half, or the read would seek back and overflow on it again and again.
	 */
	@AssertTrue(message = "send-queue-lines must be at least twice max-batch-lines")
	boolean isSendQueueTwiceMaxBatch() {
		return this.sendQueueLines >= 2L * this.maxBatchLines;
	}

	@AssertTrue(message = "max-message-size must be positive")
	boolean isMaxMessageSizePositive() {
		return this.maxMessageSize == null || this.maxMessageSize.toBytes() > 0;
	}

	@AssertTrue(message = "connection-read-buffer must be between 1 byte and 2GB")
	boolean isConnectionReadBufferPositive() {
		return this.connectionReadBuffer == null
				|| (this.connectionReadBuffer.toBytes() > 0 && this.connectionReadBuffer.toBytes() <= Integer.MAX_VALUE);
	}

	@AssertTrue(message = "default-tail must not exceed max-tail")
	boolean isDefaultTailWithinMaxTail() {
		return this.defaultTail <= this.maxTail;
	}

	/**
	 * Token verification: RS256 tokens of {@code issuer} for {@code audience}, checked against the
	 * issuer's JWK set at {@code jwkSetUri} (production) or a configured {@code publicKey}
	 * (base64 X.509, PEM armour optional: tests and standalone). Without either, every token is refused.
	 * Where the caller's team and admin right are read from differs between providers (Keycloak,
	 * Okta, Entra ID: docs/sign-in.md); a claim is named by {@link #CLAIM_PATH a name or a path}.
	 * @param issuer required {@code iss}
	 * @param audience required entry of {@code aud}
	 * @param jwkSetUri the issuer's JWK set
	 * @param publicKey a fixed RSA public key
	 * @param adminScope the scope (in {@code scope} or {@code scp}) that grants access to every environment
	 * @param teamClaim the claim that holds the caller's team (a string; of a list, the first entry)
	 * @param rolesClaim the claim that holds the caller's roles (a list, or a space-separated string)
	 * @param adminRole a role in {@code rolesClaim} that grants the same as {@code adminScope}; none by default
	 */
	public record Jwt(@DefaultValue("https://envstream.local/issuer") @NotNull String issuer,
			@DefaultValue("envstream") @NotNull String audience, String jwkSetUri, String publicKey,
			@DefaultValue("envstream:admin") @NotNull String adminScope,
			@DefaultValue("team") @NotBlank @Pattern(regexp = CLAIM_PATH,
					message = CLAIM_PATH_MESSAGE) String teamClaim,
			@DefaultValue("roles") @NotBlank @Pattern(regexp = CLAIM_PATH,
					message = CLAIM_PATH_MESSAGE) String rolesClaim,
			String adminRole) {

		/**
		 * A claim name, or a path into nested objects with dots ({@code realm_access.roles}); a claim
		 * whose whole name matches (such as {@code https://example.com/team}) is taken first.
		 */
		public static final String CLAIM_PATH = "[^.\\s]+(\\.[^.\\s]+)*";

		static final String CLAIM_PATH_MESSAGE = "must be a claim name or a dotted path such as realm_access.roles"
				+ " (no blanks, no empty segment)";

		@Override
		public String toString() {
			return "Jwt[issuer=" + this.issuer + ", audience=" + this.audience + ", jwkSetUri=" + this.jwkSetUri
					+ ", publicKey=" + (this.publicKey == null ? "none" : "set") + ", teamClaim=" + this.teamClaim
					+ ", rolesClaim=" + this.rolesClaim + ", adminRole=" + this.adminRole + "]";
		}

	}

	/**
	 * What the web UI needs to sign people in at the OpenID Connect provider, served at
	 * {@code GET /api/v1/sign-in}; without a {@code clientId} there is none (404) and the UI offers
	 * the standalone sign-in and a token field instead.
	 * @param clientId the UI's client at the provider: public, authorization code with PKCE
	 * @param authority where the browser finds the provider ({@code /.well-known/openid-configuration}
	 *        below it); default: {@code envstream.gateway.jwt.issuer}
	 * @param scope what the UI asks for; some providers need an API scope here to issue an access
	 *        token for {@code envstream.gateway.jwt.audience}
	 */
	public record SignIn(String clientId, String authority, @DefaultValue("openid profile") @NotBlank String scope) {

		public boolean enabled() {
			return this.clientId != null && !this.clientId.isBlank();
		}

	}

}
