package io.envstream.schemas.terminal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies {@link AgentToken}s with HMAC-SHA256 and one host's agent key. The gateways
 * hold a master secret and {@linkplain #hostKey derive} each host's key from it; a collector holds
 * only its own host's key, so a key taken from one host signs nothing another host accepts. A
 * token is {@code v2.<field>….<signature>}, every field and the signature base64url without
 * padding, so no value can shift another's place; the signature covers everything before it.
 */
public final class AgentTokens {

	/** Shortest secret or key accepted, in bytes of its UTF-8 form. */
	public static final int MIN_SECRET_BYTES = 16;

	/** The longest an agent token may live: it is used the moment it is signed. */
	public static final Duration MAX_TTL = Duration.ofSeconds(10);

	/** How far the gateway's clock may run ahead of the agent's before a fresh token looks too long-lived. */
	public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	private static final String VERSION = "v2";

	private static final String ALGORITHM = "HmacSHA256";

	private static final String KEY_PREFIX = "agent-key:";

	private static final int FIELDS = 10;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	/**
	 * @param key this host's agent key (the agent), or what a test signs with
	 * @throws IllegalArgumentException if the key is shorter than {@value #MIN_SECRET_BYTES} bytes
	 */
	public AgentTokens(String key) {
		this.key = keySpec(key, "agent key");
	}

	/**
	 * The signer of one host's tokens, as a gateway holding the master secret makes it.
	 * @throws IllegalArgumentException if the master secret is shorter than {@value #MIN_SECRET_BYTES} bytes
	 */
	public static AgentTokens forHost(String masterSecret, String hostId) {
		return new AgentTokens(hostKey(masterSecret, hostId));
	}

	/**
	 * A host's agent key: base64url (no padding) of HMAC-SHA256 keyed with the master secret's
	 * UTF-8 bytes over {@code "agent-key:" + hostId}. The same as
	 * {@code printf 'agent-key:%s' "$HOST_ID" | openssl dgst -sha256 -hmac "$MASTER" -binary | base64 | tr '+/' '-_' | tr -d '='}.
	 */
	public static String hostKey(String masterSecret, String hostId) {
		if (hostId == null || hostId.isEmpty()) {
			throw new IllegalArgumentException("a host id is needed to derive its agent key");
		}
		return ENCODER.encodeToString(mac(keySpec(masterSecret, "agent master secret"), KEY_PREFIX + hostId));
	}

	/** A fresh nonce for a token: 128 random bits. */
	public static String newNonce() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

	public String sign(AgentToken token) {
		String body = String.join(".", VERSION, encode(token.user()), encode(token.environmentId()),
				encode(token.hostId()), encode(token.containerId()), encode(token.session()),
				encode(Integer.toString(token.cols())), encode(Integer.toString(token.rows())), encode(token.cmd()),
				encode(token.nonce()), encode(Long.toString(token.expiresAtMillis())));
		return body + "." + ENCODER.encodeToString(mac(this.key, body));
	}

	/**
	 * The token's content, once its signature, expiry, lifetime and audience are checked. Whether
	 * its nonce was seen before is the caller's to check: only it remembers.
	 * @param hostId the host of the agent verifying: the audience the token must name
	 * @param nowMillis the current time, milliseconds since the Unix epoch
	 * @throws InvalidAgentTokenException saying why the token is refused
	 */
	public AgentToken verify(String token, String hostId, long nowMillis) throws InvalidAgentTokenException {
		if (token == null || token.isBlank()) {
			throw new InvalidAgentTokenException("agent token missing");
		}
		int lastDot = token.lastIndexOf('.');
		String[] fields = token.substring(0, Math.max(lastDot, 0)).split("\\.", -1);
		if (lastDot < 0 || fields.length != FIELDS + 1 || !VERSION.equals(fields[0])) {
			throw new InvalidAgentTokenException("agent token malformed");
		}
		byte[] signature;
		try {
			signature = DECODER.decode(token.substring(lastDot + 1));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAgentTokenException("agent token malformed");
		}
		if (!MessageDigest.isEqual(signature, mac(this.key, token.substring(0, lastDot)))) {
			throw new InvalidAgentTokenException("agent token signature invalid");
		}
		AgentToken decoded;
		try {
			decoded = new AgentToken(decode(fields[1]), decode(fields[2]), decode(fields[3]), decode(fields[4]),
					decode(fields[5]), Integer.parseInt(decode(fields[6])), Integer.parseInt(decode(fields[7])),
					decode(fields[8]), decode(fields[9]), Long.parseLong(decode(fields[10])));
		}
		catch (IllegalArgumentException ex) {
			// signed by a holder of the key, yet not a token this version writes
			throw new InvalidAgentTokenException("agent token malformed: " + ex.getMessage());
		}
		if (nowMillis > decoded.expiresAtMillis()) {
			throw new InvalidAgentTokenException("agent token expired");
		}
		if (decoded.expiresAtMillis() - nowMillis > MAX_TTL.plus(CLOCK_SKEW).toMillis()) {
			throw new InvalidAgentTokenException("agent token lives longer than " + MAX_TTL.toSeconds() + " s");
		}
		if (!decoded.hostId().equals(hostId)) {
			throw new InvalidAgentTokenException("agent token is for another host");
		}
		return decoded;
	}

	private static SecretKeySpec keySpec(String secret, String name) {
		byte[] bytes = (secret != null) ? secret.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("the " + name + " must have at least " + MIN_SECRET_BYTES + " bytes");
		}
		return new SecretKeySpec(bytes, ALGORITHM);
	}

	private static byte[] mac(SecretKeySpec key, String text) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	private static String encode(String value) {
		return ENCODER.encodeToString((value != null ? value : "").getBytes(StandardCharsets.UTF_8));
	}

	/** An empty field is an absent value ({@code null}). */
	private static String decode(String field) {
		String value = new String(DECODER.decode(field), StandardCharsets.UTF_8);
		return value.isEmpty() ? null : value;
	}

}
