package io.envstream.gateway.security;

import java.util.List;
import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Takes the token from {@code ?token=} (which {@link TokenQueryFilter} already moved out of the
 * request) or the {@code bearer.<JWT>} subprotocol into the session's attributes, where the
 * admission checks {@link #takeToken take} it. It never refuses the upgrade: PROTOCOL.md wants
 * the checks answered with close codes after it. The token is never logged.
 */
public final class TokenHandshakeInterceptor implements HandshakeInterceptor {

	static final String BEARER_PREFIX = "bearer.";

	private static final String TOKEN_ATTRIBUTE = "envstream.token";

	/** Removes the upgrade's token from a session's attributes, so it is held no longer than needed; null if none. */
	public static String takeToken(Map<String, Object> attributes) {
		return (String) attributes.remove(TOKEN_ATTRIBUTE);
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		String token = (request instanceof ServletServerHttpRequest servlet)
				? (String) servlet.getServletRequest().getAttribute(TokenQueryFilter.ATTRIBUTE) : null;
		if (token == null) {
			List<String> protocols = request.getHeaders().get("Sec-WebSocket-Protocol");
			if (protocols != null) {
				for (String header : protocols) {
					for (String protocol : header.split(",")) {
						if (protocol.trim().startsWith(BEARER_PREFIX)) {
							token = protocol.trim().substring(BEARER_PREFIX.length());
						}
					}
				}
			}
		}
		if (token != null) {
			attributes.put(TOKEN_ATTRIBUTE, token);
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
