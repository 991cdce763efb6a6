package io.envstream.gateway.ws;

import java.util.List;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.security.TokenHandshakeInterceptor;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * What every environment endpoint shares: WebSocket support, the handshake's token
 * ({@link TokenHandshakeInterceptor}) and environment id, the container's buffer sizes, and the
 * registration of each {@link Endpoint} bean at {@code /api/v1/ws/environments/{id}/<name>}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final List<Endpoint> endpoints;

	private final long maxMessageBytes;

	private final List<String> allowedOrigins;

	WebSocketConfiguration(List<Endpoint> endpoints, GatewayProperties properties) {
		this.endpoints = endpoints;
		this.maxMessageBytes = properties.maxMessageSize().toBytes();
		this.allowedOrigins = properties.allowedOrigins();
	}

	/**
	 * Spring's origin check answers a foreign {@code Origin} with 403 before the upgrade, so before
	 * the handler verifies a token or asks the database anything ({@link TokenHandshakeInterceptor}
	 * before it only copies the token into the attributes). It always lets the gateway's own origin
	 * and a request without {@code Origin} through: the header is a browser's, and it protects a
	 * browser's user from other sites; a non-browser client sends its token explicitly and carries
	 * no ambient credentials another site could borrow.
	 */
	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		Utf8TextFrames.requireWriter();
		for (Endpoint endpoint : this.endpoints) {
			registry
				.addHandler(new JoiningTextWebSocketHandler(endpoint, this.maxMessageBytes),
						"/api/v1/ws/environments/{id}/" + endpoint.name())
				.addInterceptors(new TokenHandshakeInterceptor(), new EnvironmentPathInterceptor())
				.setAllowedOriginPatterns(this.allowedOrigins.toArray(String[]::new));
		}
	}

	/**
	 * What the container holds of a client message at a time, per connection. It allocates these
	 * buffers for every connection, idle or not, so they are sized for the clients' usual control
	 * messages (pause, resume, a filter: tens to a few hundred bytes), not for the largest message;
	 * {@link JoiningTextWebSocketHandler} joins the parts of a longer one up to
	 * {@code max-message-size} itself.
	 */
	static final int CLIENT_MESSAGE_BUFFER = 256;

	@Bean
	static ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(CLIENT_MESSAGE_BUFFER);
		container.setMaxBinaryMessageBufferSize(CLIENT_MESSAGE_BUFFER);
		return container;
	}

	/**
	 * Tomcat gives every accepted socket a read buffer ({@code socket.appReadBufSize}, 8 KiB) for as
	 * long as it is open. A WebSocket reads into its own buffer ({@link WebSocketBuffers}), and a
	 * request is parsed in a buffer of the request processor, which is not held by an open WebSocket:
	 * the socket's buffer only passes small reads on, so a small one costs nothing but memory saved.
	 * The write buffer stays Tomcat's: responses are written in pieces of its size, while WebSocket
	 * frames go to the socket without it.
	 */
	@Bean
	static TomcatConnectorCustomizer connectionReadBuffer(GatewayProperties properties) {
		String bytes = Long.toString(properties.connectionReadBuffer().toBytes());
		return (connector) -> connector.setProperty("socket.appReadBufSize", bytes);
	}

}
