package io.envstream.standalone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.envstream.gateway.GatewayProperties;

import org.springframework.util.StringUtils;

/**
 * Mints the RS256 tokens the gateway of this standalone accepts: its issuer and audience
 * ({@code envstream.gateway.jwt.*}), the user as {@code sub}, an optional {@code team}, and the
 * admin scope when asked for; signed with the {@link SigningKey}.
 */
final class TokenIssuer {

	private final RSAKey key;

	private final GatewayProperties.Jwt jwt;

	private final Clock clock;

	TokenIssuer(SigningKey signingKey, GatewayProperties.Jwt jwt, Clock clock) {
		try {
			RSAKey key = new RSAKey.Builder(signingKey.publicKey()).privateKey(signingKey.privateKey()).build();
			this.key = new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot use the standalone signing key", ex);
		}
		this.jwt = jwt;
		this.clock = clock;
	}

	/**
	 * @param user the {@code sub} claim, not blank
	 * @param team the {@code team} claim, or {@code null} or blank for none
	 * @param admin whether to grant the admin scope (every environment)
	 * @param ttl how long the token is valid, positive
	 * @return the signed, serialized token
	 */
	String issue(String user, String team, boolean admin, Duration ttl) {
		if (!StringUtils.hasText(user)) {
			throw new IllegalArgumentException("a token needs a user name");
		}
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("a token's time to live must be positive, not " + ttl);
		}
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(user.strip())
			.issuer(this.jwt.issuer())
			.audience(this.jwt.audience())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)))
			.jwtID(UUID.randomUUID().toString());
		if (StringUtils.hasText(team)) {
			claims.claim("team", team.strip());
		}
		if (admin) {
			claims.claim("scope", this.jwt.adminScope());
		}
		SignedJWT token = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims.build());
		try {
			token.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot sign a token", ex);
		}
		return token.serialize();
	}

}
