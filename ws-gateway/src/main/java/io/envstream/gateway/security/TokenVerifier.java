package io.envstream.gateway.security;

import java.time.Instant;
import java.util.Optional;

import io.envstream.gateway.GatewayProperties;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/** Turns a bearer token into a {@link Caller}; for the WebSocket handlers and the REST controllers. */
@Component
public class TokenVerifier {

	private final JwtDecoder decoder;

	private final GatewayProperties.Jwt claims;

	TokenVerifier(JwtDecoder decoder, GatewayProperties properties) {
		this.decoder = decoder;
		this.claims = properties.jwt();
	}

	/**
	 * A verified token: who calls, and until when.
	 * @param caller who the token names
	 * @param expiresAt its {@code exp} (every accepted token has one)
	 */
	public record Verified(Caller caller, Instant expiresAt) {
	}

	/** @return the caller, or empty when the token is missing, malformed, forged, expired or not ours */
	public Optional<Verified> verify(String token) {
		if (token == null || token.isBlank()) {
			return Optional.empty();
		}
		try {
			Jwt jwt = this.decoder.decode(token);
			return (jwt.getSubject() == null) ? Optional.empty()
					: Optional.of(new Verified(Caller.of(jwt, this.claims), jwt.getExpiresAt()));
		}
		catch (JwtException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	public Caller caller(Jwt jwt) {
		return Caller.of(jwt, this.claims);
	}

}
