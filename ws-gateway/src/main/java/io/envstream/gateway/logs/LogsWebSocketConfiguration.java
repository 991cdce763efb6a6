package io.envstream.gateway.logs;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.ws.WebSocketConfiguration;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Registers the logs endpoint. */
@Configuration(proxyBeanMethods = false)
class LogsWebSocketConfiguration implements WebSocketConfigurer {

	private final LogsService service;

	private final long maxMessageBytes;

	LogsWebSocketConfiguration(LogsService service, GatewayProperties properties) {
		this.service = service;
		this.maxMessageBytes = properties.maxMessageSize().toBytes();
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		WebSocketConfiguration.register(registry, new LogsWebSocketHandler(this.service, this.maxMessageBytes), "logs");
	}

}
