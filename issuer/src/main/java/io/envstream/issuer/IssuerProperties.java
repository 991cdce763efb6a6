package io.envstream.issuer;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the demo issuer, {@code envstream.issuer.*}. Users and programs are maps keyed by
 * name, so one variable (e.g. {@code ENVSTREAM_ISSUER_USERS_ANN_PASSWORD}) changes one entry
 * and keeps the others.
 *
 * @param url the issuer identifier, the {@code iss} of every token: the address browsers reach
 *        it at, which the gateways' {@code envstream.gateway.jwt.issuer} must equal
 * @param audience the {@code aud} of every access token: the gateways'
 *        {@code envstream.gateway.jwt.audience}
 * @param adminScope added to the {@code scope} of an admin's access token: the gateways'
 *        {@code envstream.gateway.jwt.admin-scope}
 * @param accessTokenLifetime how long an access token lives; short, so that the web UI's renewal
 *        is exercised
 * @param users who may sign in on the login page
 * @param web the web UI's public client
 * @param programs confidential clients that get a token with {@code client_credentials}, each
 *        with the claims of a user
 */
@ConfigurationProperties("envstream.issuer")
@Validated
public record IssuerProperties(@NotNull URI url, @DefaultValue("envstream") @NotBlank String audience,
		@DefaultValue("envstream:admin") @NotBlank String adminScope,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 10) Duration accessTokenLifetime,
		@DefaultValue @NotNull Map<String, @Valid User> users, @DefaultValue @NotNull @Valid Web web,
		@DefaultValue @NotNull Map<String, @Valid Program> programs) {

	@AssertTrue(message = "url must be an absolute http(s) URL without query or fragment, e.g. http://localhost:9000")
	boolean isUrlAbsolute() {
		return this.url == null || (("http".equals(this.url.getScheme()) || "https".equals(this.url.getScheme()))
				&& this.url.getHost() != null && this.url.getQuery() == null && this.url.getFragment() == null);
	}

	/**
	 * A person who signs in with a password.
	 * @param password demo only: held in memory, compared after hashing at start
	 * @param team the {@code team} claim, or none
	 * @param admin whether the access token carries the admin scope
	 */
	public record User(@NotBlank String password, String team, boolean admin) {

		@Override
		public String toString() {
			return "User[team=" + this.team + ", admin=" + this.admin + "]";
		}

	}

	/**
	 * The web UI's client: public (no secret), authorization code with PKCE, no consent page.
	 * @param clientId its {@code client_id}
	 * @param redirectUris where the issuer may send the browser back, after sign-in and after
	 *        sign-out; their origins may also call the issuer from the page (CORS) and frame it for
	 *        a silent renewal
	 */
	public record Web(@DefaultValue("envstream-web") @NotBlank String clientId,
			@DefaultValue("http://localhost:8080/") @NotEmpty List<@NotNull URI> redirectUris) {
	}

	/**
	 * A program's client: {@code client_credentials} with its secret.
	 * @param secret demo only
	 * @param subject the {@code sub} of its tokens (default: its client id)
	 * @param team the {@code team} claim, or none
	 * @param admin whether its token carries the admin scope
	 */
	public record Program(@NotBlank String secret, String subject, String team, boolean admin) {

		@Override
		public String toString() {
			return "Program[subject=" + this.subject + ", team=" + this.team + ", admin=" + this.admin + "]";
		}

	}

}
