package io.envstream.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsDefaultsWhenNothingIsSet() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(GatewayProperties.class));
	}

	@Test
	void rejectsZeroMaxConnectionsPerUserNamingTheProperty() {
		this.runner.withPropertyValues("envstream.gateway.max-connections-per-user=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("envstream.gateway")
				.hasMessageContaining("maxConnectionsPerUser"));
	}

	@Test
	void rejectsZeroGrepMaxCharsNamingTheProperty() {
		this.runner.withPropertyValues("envstream.gateway.grep-max-chars=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("envstream.gateway")
				.hasMessageContaining("grepMaxChars"));
	}

	@Test
	void rejectsAnAccessRecheckIntervalUnderASecondNamingTheProperty() {
		this.runner.withPropertyValues("envstream.gateway.access-recheck-interval=500ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("envstream.gateway")
				.hasMessageContaining("accessRecheckInterval"));
	}

	@Test
	void rejectsHeartbeatTimeoutNotLongerThanTheInterval() {
		this.runner
			.withPropertyValues("envstream.gateway.heartbeat-interval=30s", "envstream.gateway.heartbeat-timeout=30s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("heartbeat-timeout must be longer than heartbeat-interval"));
	}

	@Test
	void rejectsASendQueueUnderTwiceTheBatchNamingBothProperties() {
		this.runner.withPropertyValues("envstream.gateway.max-batch-lines=100", "envstream.gateway.send-queue-lines=199")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("send-queue-lines must be at least twice max-batch-lines"));
		this.runner.withPropertyValues("envstream.gateway.max-batch-lines=100", "envstream.gateway.send-queue-lines=200")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void rejectsZeroMaxMessageSize() {
		this.runner.withPropertyValues("envstream.gateway.max-message-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("max-message-size must be positive"));
	}

	@Test
	void rejectsDefaultTailAboveMaxTail() {
		this.runner.withPropertyValues("envstream.gateway.default-tail=200", "envstream.gateway.max-tail=100")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("default-tail must not exceed max-tail"));
	}

	@Test
	void acceptsZeroDefaultTail() {
		this.runner.withPropertyValues("envstream.gateway.default-tail=0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void bindsTheNewSettingsWithTheirDefaults() {
		this.runner.run((context) -> {
			GatewayProperties properties = context.getBean(GatewayProperties.class);
			assertThat(properties.connectRateBurst()).isEqualTo(20);
			assertThat(properties.connectRatePerSecond()).isEqualTo(5.0);
			assertThat(properties.leaseTtl()).hasSeconds(90);
			assertThat(properties.sendQueueLines()).isEqualTo(5000);
			assertThat(properties.maxCatchUpReaders()).isEqualTo(32);
			assertThat(properties.maxReplayReaders()).isEqualTo(16);
			assertThat(properties.grepMaxChars()).isEqualTo(16_384);
			assertThat(properties.accessRecheckInterval()).hasSeconds(60);
			assertThat(properties.jwt().issuer()).isEqualTo("https://envstream.local/issuer");
			assertThat(properties.jwt().audience()).isEqualTo("envstream");
			assertThat(properties.jwt().adminScope()).isEqualTo("envstream:admin");
		});
	}

	@Test
	void neverPrintsTheConfiguredKey() {
		this.runner.withPropertyValues("envstream.gateway.jwt.public-key=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsecret")
			.run((context) -> assertThat(context.getBean(GatewayProperties.class).toString()).doesNotContain("secret")
				.contains("publicKey=set"));
	}

	@Test
	void allowsNoOtherOriginByDefaultAndBindsAListOfOriginPatterns() {
		this.runner.run((context) -> assertThat(context.getBean(GatewayProperties.class).allowedOrigins()).isEmpty());
		this.runner.withPropertyValues("envstream.gateway.allowed-origins=https://ui.example.com,https://*.example.org")
			.run((context) -> assertThat(context.getBean(GatewayProperties.class).allowedOrigins())
				.containsExactly("https://ui.example.com", "https://*.example.org"));
	}

	@Test
	void rejectsALeaseTtlUnderOneSecond() {
		this.runner.withPropertyValues("envstream.gateway.lease-ttl=500ms")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("leaseTtl"));
	}

	@Test
	void readsTheTeamClaimAndTheRolesFromTheirDefaultClaimsAndHasNoSignInByDefault() {
		this.runner.run((context) -> {
			GatewayProperties properties = context.getBean(GatewayProperties.class);
			assertThat(properties.jwt().teamClaim()).isEqualTo("team");
			assertThat(properties.jwt().rolesClaim()).isEqualTo("roles");
			assertThat(properties.jwt().adminRole()).isNull();
			assertThat(properties.signIn().enabled()).isFalse();
			assertThat(properties.signIn().scope()).isEqualTo("openid profile");
		});
	}

	@Test
	void rejectsAClaimPathWithAnEmptySegmentNamingTheProperty() {
		this.runner.withPropertyValues("envstream.gateway.jwt.roles-claim=realm_access..roles")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.rolesClaim")
				.hasMessageContaining("must be a claim name or a dotted path"));
	}

	@Test
	void rejectsABlankTeamClaim() {
		this.runner.withPropertyValues("envstream.gateway.jwt.team-claim= ")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("jwt.teamClaim"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GatewayProperties.class)
	static class PropertiesConfiguration {

	}

}
