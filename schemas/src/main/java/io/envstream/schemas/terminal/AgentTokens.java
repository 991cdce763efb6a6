package io.envstream.schemas.terminal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies {@link AgentToken}s with HMAC-SHA256 and a secret shared by the gateways and
 * the collector agents. A token is {@code v1.<field>….<signature>}, every field and the signature
 * base64url without padding, so no value can shift another's place; the signature covers
 * everything before it.
 */
public final class AgentTokens {

	/** Shortest secret accepted, in bytes of its UTF-8 form. */
	public static final int MIN_SECRET_BYTES = 16;

	private static final String VERSION = "v1";

	private static final String ALGORITHM = "HmacSHA256";

	private static final int FIELDS = 8;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKeySpec key;

	/** @throws IllegalArgumentException if the secret is shorter than {@value #MIN_SECRET_BYTES} bytes */
	public AgentTokens(String secret) {
		byte[] bytes = (secret != null) ? secret.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("the agent secret must have at least " + MIN_SECRET_BYTES + " bytes");
		}
		this.key = new SecretKeySpec(bytes, ALGORITHM);
	}

	public String sign(AgentToken token) {
		String body = String.join(".", VERSION, encode(token.user()), encode(token.environmentId()),
				encode(token.containerId()), encode(token.session()), encode(Integer.toString(token.cols())),
				encode(Integer.toString(token.rows())), encode(token.cmd()),
				encode(Long.toString(token.expiresAtMillis())));
		return body + "." + ENCODER.encodeToString(mac(body));
	}

	/**
	 * The token's content, once its signature and expiry are checked.
	 * @param nowMillis the current time, milliseconds since the Unix epoch
	 * @throws InvalidAgentTokenException saying why the token is refused
	 */
	public AgentToken verify(String token, long nowMillis) throws InvalidAgentTokenException {
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
		if (!MessageDigest.isEqual(signature, mac(token.substring(0, lastDot)))) {
			throw new InvalidAgentTokenException("agent token signature invalid");
		}
		AgentToken decoded;
		try {
			decoded = new AgentToken(decode(fields[1]), decode(fields[2]), decode(fields[3]), decode(fields[4]),
					Integer.parseInt(decode(fields[5])), Integer.parseInt(decode(fields[6])), decode(fields[7]),
					Long.parseLong(decode(fields[8])));
		}
		catch (IllegalArgumentException ex) {
			// signed by a holder of the secret, yet not a token this version writes
			throw new InvalidAgentTokenException("agent token malformed: " + ex.getMessage());
		}
		if (nowMillis > decoded.expiresAtMillis()) {
			throw new InvalidAgentTokenException("agent token expired");
		}
		return decoded;
	}

	private byte[] mac(String body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
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
