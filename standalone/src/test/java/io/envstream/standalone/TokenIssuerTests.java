package io.envstream.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.envstream.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TokenIssuerTests {

	private static final GatewayProperties.Jwt JWT = new GatewayProperties.Jwt("https://issuer.test", "envstream", null,
			null, "envstream:admin", "team", "roles", null);

	@Test
	void makesTheKeyOnceOwnerReadableAndReusesIt(@TempDir Path dataDir) throws Exception {
		SigningKey first = SigningKey.loadOrCreate(dataDir.resolve("jwt"));
		SigningKey second = SigningKey.loadOrCreate(dataDir.resolve("jwt"));

		assertThat(second.publicKeyBase64()).isEqualTo(first.publicKeyBase64());
		assertThat(Files.getPosixFilePermissions(dataDir.resolve("jwt").resolve(SigningKey.FILE_NAME)))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		try (var files = Files.list(dataDir.resolve("jwt"))) {
			assertThat(files).containsExactly(dataDir.resolve("jwt").resolve(SigningKey.FILE_NAME));
		}
	}

	@Test
	void refusesAKeyFileThatIsNotAKeySayingWhatToDo(@TempDir Path dataDir) throws Exception {
		Files.writeString(dataDir.resolve(SigningKey.FILE_NAME), "not a key");

		assertThatIllegalStateException().isThrownBy(() -> SigningKey.loadOrCreate(dataDir))
			.withMessageContaining("is not a PEM PKCS#8 private key")
			.withMessageContaining("delete it");
	}

	@Test
	void issuesTokensTheGatewaysDecoderAcceptsWithTheAskedClaims(@TempDir Path dataDir) {
		SigningKey key = SigningKey.loadOrCreate(dataDir);
		Instant now = Instant.now();
		TokenIssuer issuer = new TokenIssuer(key, JWT, Clock.fixed(now, ZoneOffset.UTC));

		Jwt admin = NimbusJwtDecoder.withPublicKey(key.publicKey()).build()
			.decode(issuer.issue(" alice ", "ops", true, Duration.ofHours(8)));
		Jwt plain = NimbusJwtDecoder.withPublicKey(key.publicKey()).build()
			.decode(issuer.issue("bob", " ", false, Duration.ofMinutes(5)));

		assertThat(admin.getSubject()).isEqualTo("alice");
		assertThat(admin.getIssuer()).hasToString("https://issuer.test");
		assertThat(admin.getAudience()).containsExactly("envstream");
		assertThat(admin.getClaimAsString("team")).isEqualTo("ops");
		assertThat(admin.getClaimAsString("scope")).isEqualTo("envstream:admin");
		assertThat(admin.getExpiresAt()).isEqualTo(now.plus(Duration.ofHours(8)).truncatedTo(ChronoUnit.SECONDS));
		assertThat(plain.hasClaim("team")).isFalse();
		assertThat(plain.hasClaim("scope")).isFalse();
	}

	@Test
	void refusesABlankUserOrANonPositiveLifetime(@TempDir Path dataDir) {
		TokenIssuer issuer = new TokenIssuer(SigningKey.loadOrCreate(dataDir), JWT, Clock.systemUTC());

		assertThatIllegalArgumentException().isThrownBy(() -> issuer.issue(" ", null, false, Duration.ofHours(1)))
			.withMessage("a token needs a user name");
		assertThatIllegalArgumentException().isThrownBy(() -> issuer.issue("a", null, false, Duration.ZERO))
			.withMessageContaining("time to live must be positive");
	}

}
