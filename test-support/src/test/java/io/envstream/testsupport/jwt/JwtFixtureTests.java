package io.envstream.testsupport.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JwtFixtureTests {

	private final JwtFixture jwt = JwtFixture.create();

	private final NimbusJwtDecoder decoder = decoderFor(jwt);

	@Test
	void validTokenIsSignedWithRs256ByTheFixtureKeyAndCarriesTheStandardClaims() throws Exception {
		SignedJWT token = SignedJWT.parse(jwt.token("alice"));

		assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(token.verify(new RSASSAVerifier(jwt.publicKey()))).isTrue();
		assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("alice");
		assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("https://envstream.test/issuer");
		assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("envstream");
		assertThat(token.getJWTClaimsSet().getExpirationTime().toInstant())
				.isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(15)));
	}

	@Test
	void validTokenPassesSpringSecurityValidation() {
		Jwt decoded = decoder.decode(jwt.token("alice"));

		assertThat(decoded.getSubject()).isEqualTo("alice");
	}

	@Test
	void teamAndScopesBecomeTheTeamAndSpaceSeparatedScopeClaims() {
		Jwt decoded = decoder.decode(jwt.token("bob", "blue", "envstream:admin", "envstream:read"));

		assertThat(decoded.getClaimAsString("team")).isEqualTo("blue");
		assertThat(decoded.getClaimAsString("scope")).isEqualTo("envstream:admin envstream:read");
	}

	@Test
	void jwkSetPublishesTheVerifyingKeyUnderItsKid() throws Exception {
		JWKSet set = JWKSet.parse(jwt.jwkSetJson());
		String kid = SignedJWT.parse(jwt.token("alice")).getHeader().getKeyID();

		assertThat(set.getKeyByKeyId(kid).toRSAKey().toRSAPublicKey()).isEqualTo(jwt.publicKey());
		assertThat(set.getKeyByKeyId(kid).isPrivate()).isFalse();
	}

	@Test
	void expiredTokenIsRejectedForItsExpiry() {
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(jwt.expiredToken("alice")))
				.withMessageContaining("expired");
	}

	@Test
	void tokenExpiringInAGivenLifetimeCarriesThatExpiry() {
		Instant before = Instant.now();
		Jwt decoded = decoder.decode(jwt.tokenExpiringIn("alice", Duration.ofSeconds(3)));
		assertThat(decoded.getExpiresAt()).isBetween(before.plusSeconds(2), Instant.now().plusSeconds(3));
	}

	@Test
	void tokenWithoutExpiryHasNoExpClaim() {
		Jwt decoded = decoder.decode(jwt.tokenWithoutExpiry("alice"));
		assertThat(decoded.getExpiresAt()).isNull();
		assertThat(decoded.getSubject()).isEqualTo("alice");
	}

	@Test
	void tokenSignedByAnotherKeyIsRejectedForItsSignature() {
		assertThatExceptionOfType(org.springframework.security.oauth2.jwt.BadJwtException.class)
				.isThrownBy(() -> decoder.decode(jwt.tokenSignedByOtherKey("alice")))
				.withMessageContaining("Invalid signature");
	}

	@Test
	void unsignedTokenIsRejectedForItsAlgorithm() {
		assertThatExceptionOfType(org.springframework.security.oauth2.jwt.BadJwtException.class)
				.isThrownBy(() -> decoder.decode(jwt.unsignedToken("alice")))
				.withMessageContaining("Unsupported algorithm of none");
	}

	@Test
	void tokenFromAnotherIssuerIsRejectedForItsIssuer() {
		assertThatExceptionOfType(JwtValidationException.class)
				.isThrownBy(() -> decoder.decode(jwt.tokenWithIssuer("alice", "https://elsewhere.test/")))
				.satisfies(ex -> assertThat(ex.getErrors()).singleElement()
						.satisfies(error -> assertThat(error.getDescription()).contains("iss")));
	}

	@Test
	void tokenForAnotherAudienceIsRejectedForItsAudience() {
		assertThatExceptionOfType(JwtValidationException.class)
				.isThrownBy(() -> decoder.decode(jwt.tokenWithAudience("alice", "someone-else")))
				.satisfies(ex -> assertThat(ex.getErrors()).singleElement()
						.satisfies(error -> assertThat(error.getDescription()).contains("aud")));
	}

	@Test
	void eachFixtureHasItsOwnKey() {
		JwtFixture other = JwtFixture.create();

		assertThat(other.publicKey()).isNotEqualTo(jwt.publicKey());
		assertThatExceptionOfType(org.springframework.security.oauth2.jwt.BadJwtException.class)
				.isThrownBy(() -> decoder.decode(other.token("alice")));
	}

	private static NimbusJwtDecoder decoderFor(JwtFixture jwt) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(jwt.publicKey()).build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
				JwtValidators.createDefaultWithIssuer(jwt.issuer()), new JwtAudienceValidator(jwt.audience()))));
		return decoder;
	}

}
