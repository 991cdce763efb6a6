package io.envstream.testsupport.jwt;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints JWTs for tests of a resource server: valid ones and ones broken in one stated way.
 * <p>
 * Each fixture has a fresh RSA 2048 key with its own {@code kid}, the issuer {@value #ISSUER} and
 * the audience {@value #AUDIENCE}. Configure the server under test with {@link #publicKey()} or
 * {@link #jwkSetJson()} (served from a file or an endpoint), {@link #issuer()} and
 * {@link #audience()}. Against a real identity provider, use its tokens instead: nothing here
 * talks to a server.
 */
public final class JwtFixture {

	public static final String ISSUER = "https://envstream.test/issuer";

	public static final String AUDIENCE = "envstream";

	static final Duration LIFETIME = Duration.ofMinutes(15);

	private final RSAKey key;
	private RSAKey otherKey; // guarded by this; made on first use, key generation is slow

	private JwtFixture(RSAKey key) {
		this.key = key;
	}

	public static JwtFixture create() {
		return new JwtFixture(generate("envstream-test-" + UUID.randomUUID()));
	}

	public String issuer() {
		return ISSUER;
	}

	public String audience() {
		return AUDIENCE;
	}

	public RSAPublicKey publicKey() {
		try {
			return key.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The public key as a JWK set document ({@code {"keys":[...]}}). */
	public String jwkSetJson() {
		return new JWKSet(key.toPublicJWK()).toString();
	}

	/** A valid RS256 token for {@code user} ({@code sub}), valid for 15 minutes. */
	public String token(String user) {
		return sign(key, claims(user, ISSUER, AUDIENCE, Instant.now()).build());
	}

	/** A valid token with the {@code team} claim and the space-separated {@code scope} claim (if any scopes). */
	public String token(String user, String team, String... scopes) {
		JWTClaimsSet.Builder claims = claims(user, ISSUER, AUDIENCE, Instant.now());
		if (team != null) {
			claims.claim("team", team);
		}
		if (scopes.length > 0) {
			claims.claim("scope", String.join(" ", scopes));
		}
		return sign(key, claims.build());
	}

	/** A valid token for {@code user} that expires {@code lifetime} from now (for expiry on an open connection). */
	public String tokenExpiringIn(String user, Duration lifetime) {
		Instant now = Instant.now();
		return sign(key, claims(user, ISSUER, AUDIENCE, now).expirationTime(Date.from(now.plus(lifetime))).build());
	}

	/** Signed by the right key with the right claims, but without {@code exp}: it would never expire. */
	public String tokenWithoutExpiry(String user) {
		return sign(key, claims(user, ISSUER, AUDIENCE, Instant.now()).expirationTime(null).build());
	}

	/** Signed by the right key, but it expired 15 minutes ago (well past any clock skew allowance). */
	public String expiredToken(String user) {
		return sign(key, claims(user, ISSUER, AUDIENCE, Instant.now().minus(LIFETIME.multipliedBy(2))).build());
	}

	/** Right claims and {@code kid}, signed by another key: the signature does not verify. */
	public String tokenSignedByOtherKey(String user) {
		return sign(otherKey(), claims(user, ISSUER, AUDIENCE, Instant.now()).build());
	}

	/** Right claims, {@code alg: none}, no signature. */
	public String unsignedToken(String user) {
		return new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(),
				claims(user, ISSUER, AUDIENCE, Instant.now()).build()).serialize();
	}

	public String tokenWithIssuer(String user, String issuer) {
		return sign(key, claims(user, issuer, AUDIENCE, Instant.now()).build());
	}

	public String tokenWithAudience(String user, String audience) {
		return sign(key, claims(user, ISSUER, audience, Instant.now()).build());
	}

	private synchronized RSAKey otherKey() {
		if (otherKey == null) {
			otherKey = generate(key.getKeyID());
		}
		return otherKey;
	}

	private static JWTClaimsSet.Builder claims(String user, String issuer, String audience, Instant issuedAt) {
		return new JWTClaimsSet.Builder()
				.subject(user)
				.issuer(issuer)
				.audience(audience)
				.issueTime(Date.from(issuedAt))
				.notBeforeTime(Date.from(issuedAt))
				.expirationTime(Date.from(issuedAt.plus(LIFETIME)))
				.jwtID(UUID.randomUUID().toString());
	}

	private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
				.type(JOSEObjectType.JWT).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(signingKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("could not sign a test JWT", ex);
		}
		return jwt.serialize();
	}

	private static RSAKey generate(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("could not generate an RSA key", ex);
		}
	}

}
