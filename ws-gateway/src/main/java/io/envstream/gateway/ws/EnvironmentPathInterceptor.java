package io.envstream.gateway.ws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriTemplate;

/** Takes the environment id from the upgrade's path into the session's attributes; never refuses the upgrade. */
class EnvironmentPathInterceptor implements HandshakeInterceptor {

	private static final UriTemplate PATH = new UriTemplate("/api/v1/ws/environments/{id}/{endpoint}");

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		Map<String, String> variables = PATH.match(request.getURI().getPath());
		attributes.put(ConnectionAdmission.ENVIRONMENT_ATTRIBUTE,
				URLDecoder.decode(variables.getOrDefault("id", ""), StandardCharsets.UTF_8));
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

}
