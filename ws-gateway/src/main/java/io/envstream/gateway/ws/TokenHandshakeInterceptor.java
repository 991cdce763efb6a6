package io.envstream.gateway.ws;

import java.util.List;
import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriTemplate;

/**
 * Takes the token from {@code ?token=} (which {@link TokenQueryFilter} already moved out of the
 * request) or the {@code bearer.<JWT>} subprotocol and the environment
 * id from the path into the session's attributes. It never refuses the upgrade: PROTOCOL.md wants
 * the checks answered with close codes after it. The token is never logged.
 */
class TokenHandshakeInterceptor implements HandshakeInterceptor {

	static final String BEARER_PREFIX = "bearer.";

	private static final UriTemplate PATH = new UriTemplate("/api/v1/ws/environments/{id}/{endpoint}");

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
			attributes.put(ConnectionAdmission.TOKEN_ATTRIBUTE, token);
		}
		Map<String, String> variables = PATH.match(request.getURI().getPath());
		attributes.put(ConnectionAdmission.ENVIRONMENT_ATTRIBUTE,
				java.net.URLDecoder.decode(variables.getOrDefault("id", ""), java.nio.charset.StandardCharsets.UTF_8));
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
