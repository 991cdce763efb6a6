package io.envstream.gateway.security;

import io.envstream.gateway.GatewayProperties;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/sign-in}, without a token: where the web UI signs people in
 * ({@code envstream.gateway.sign-in.*}), or 404 when no OpenID Connect client is configured.
 */
@RestController
class SignInController {

	/**
	 * @param issuer the provider's address for the browser (its discovery document is below it)
	 * @param clientId the UI's public client
	 * @param scope what the UI asks for
	 */
	record SignIn(String issuer, String clientId, String scope) {
	}

	private final GatewayProperties properties;

	SignInController(GatewayProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/api/v1/sign-in")
	ResponseEntity<SignIn> signIn() {
		GatewayProperties.SignIn signIn = this.properties.signIn();
		if (!signIn.enabled()) {
			return ResponseEntity.notFound().build();
		}
		String authority = (signIn.authority() != null && !signIn.authority().isBlank()) ? signIn.authority()
				: this.properties.jwt().issuer();
		return ResponseEntity.ok(new SignIn(authority, signIn.clientId(), signIn.scope()));
	}

}
