package io.envstream.standalone;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.envstream.gateway.GatewayProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Standalone as its own token issuer, unless an external one is configured: its
 * {@link SigningKey} in {@code <data-dir>/jwt/}, the gateway told to trust that key, the
 * {@link TokenIssuer} for the token command and the sign-in page.
 * <p>
 * An external issuer is one the gateway is already configured with
 * ({@code envstream.gateway.jwt.jwk-set-uri} or {@code public-key}): standalone then makes no
 * key, issues no token and serves no sign-in page.
 */
final class LocalIssuer {

	static final String JWT_PREFIX = "envstream.gateway.jwt";

	static final String PUBLIC_KEY_PROPERTY = JWT_PREFIX + ".public-key";

	private final SigningKey key;

	private final TokenIssuer tokens;

	private LocalIssuer(SigningKey key, TokenIssuer tokens) {
		this.key = key;
		this.tokens = tokens;
	}

	/** @return the local issuer, its key made on first use; empty when an external issuer is configured */
	static Optional<LocalIssuer> of(Environment environment, StandaloneProperties properties) {
		GatewayProperties.Jwt jwt = Binder.get(environment).bindOrCreate(JWT_PREFIX, GatewayProperties.Jwt.class);
		if (StringUtils.hasText(jwt.jwkSetUri()) || StringUtils.hasText(jwt.publicKey())) {
			return Optional.empty();
		}
		SigningKey key = SigningKey.loadOrCreate(properties.dataDir().resolve("jwt"));
		return Optional.of(new LocalIssuer(key, new TokenIssuer(key, jwt, Clock.systemUTC())));
	}

	/** Settings for the gateway: verify tokens with this issuer's public key. */
	Map<String, Object> gatewaySettings() {
		return Map.of(PUBLIC_KEY_PROPERTY, this.key.publicKeyBase64());
	}

	/** Adds the sign-in page to the gateway, issuing tokens that live {@code properties.tokenTtl()}. */
	void addSignInTo(SpringApplication gateway, StandaloneProperties properties) {
		SignInPage page = new SignInPage(this.tokens, properties.tokenTtl());
		gateway.addPrimarySources(List.of(SignInConfiguration.class));
		gateway.addInitializers((context) -> context.getBeanFactory().registerSingleton("standaloneSignInPage", page));
	}

	TokenIssuer tokens() {
		return this.tokens;
	}

}
