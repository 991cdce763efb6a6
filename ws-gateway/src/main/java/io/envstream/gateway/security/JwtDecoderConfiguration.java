package io.envstream.gateway.security;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import io.envstream.gateway.GatewayProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The one {@link JwtDecoder} of REST and WebSocket: the issuer's JWK set when
 * {@code envstream.gateway.jwt.jwk-set-uri} is set, else the configured public key; issuer,
 * audience and expiry are always checked, a token without {@code exp} is refused (an open
 * WebSocket is closed when its token expires, so a token that never expires would keep it open for
 * ever), and only signed RS256 tokens are accepted.
 */
@Configuration(proxyBeanMethods = false)
class JwtDecoderConfiguration {

	@Bean
	JwtDecoder jwtDecoder(GatewayProperties properties) {
		GatewayProperties.Jwt jwt = properties.jwt();
		NimbusJwtDecoder decoder;
		if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
			decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
		}
		else if (jwt.publicKey() != null && !jwt.publicKey().isBlank()) {
			decoder = NimbusJwtDecoder.withPublicKey(publicKey(jwt.publicKey())).build();
		}
		else {
			return (token) -> {
				throw new JwtException("no key configured (envstream.gateway.jwt.jwk-set-uri or public-key)");
			};
		}
		OAuth2TokenValidator<Jwt> audience = (token) -> {
			List<String> audiences = token.getAudience();
			return (audiences != null && audiences.contains(jwt.audience())) ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null));
		};
		// the default timestamp validator checks exp only when it is present
		OAuth2TokenValidator<Jwt> expires = new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(jwt.issuer()), audience, expires));
		return decoder;
	}

	static RSAPublicKey publicKey(String text) {
		String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
		catch (Exception ex) {
			throw new IllegalStateException("envstream.gateway.jwt.public-key is not a base64 X.509 RSA key", ex);
		}
	}

}
