package io.envstream.collector.terminal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nonces of the agent tokens this agent accepted, each kept until its token expires: after
 * that the token is refused as expired anyway. Tokens live at most 15 s by the agent's clock, so
 * this holds only the last seconds' worth. Forgotten on restart: a token caught on the wire could
 * then be used once more within its few seconds.
 */
final class UsedNonces {

	private final Map<String, Long> expiries = new ConcurrentHashMap<>();

	/**
	 * Records the nonce as used.
	 * @param expiresAtMillis when its token expires, milliseconds since the Unix epoch
	 * @param nowMillis the current time
	 * @return {@code false} if a token with this nonce was accepted before and has not expired
	 */
	boolean use(String nonce, long expiresAtMillis, long nowMillis) {
		this.expiries.values().removeIf((expiry) -> expiry < nowMillis);
		return this.expiries.putIfAbsent(nonce, expiresAtMillis) == null;
	}

	int size() {
		return this.expiries.size();
	}

}
