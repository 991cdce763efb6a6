package io.envstream.gateway.status;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.ws.WebSocketConfiguration;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Registers the status endpoint. */
@Configuration(proxyBeanMethods = false)
class StatusWebSocketConfiguration implements WebSocketConfigurer {

	private final StatusService service;

	private final long maxMessageBytes;

	StatusWebSocketConfiguration(StatusService service, GatewayProperties properties) {
		this.service = service;
		this.maxMessageBytes = properties.maxMessageSize().toBytes();
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		WebSocketConfiguration.register(registry, new StatusWebSocketHandler(this.service, this.maxMessageBytes),
				StatusService.ENDPOINT);
	}

}
