package io.envstream.gateway.terminal;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.ws.WebSocketConfiguration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers the terminal endpoint. Keystrokes are latency-critical: the connector sends small
 * writes at once ({@code TCP_NODELAY}; Tomcat's default too, set here so it stays so).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TerminalProperties.class)
class TerminalWebSocketConfiguration implements WebSocketConfigurer {

	private final TerminalService service;

	private final long maxMessageBytes;

	TerminalWebSocketConfiguration(TerminalService service, GatewayProperties properties) {
		this.service = service;
		this.maxMessageBytes = properties.maxMessageSize().toBytes();
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		WebSocketConfiguration.register(registry, new TerminalWebSocketHandler(this.service, this.maxMessageBytes),
				"terminal");
	}

	@Bean
	TomcatConnectorCustomizer terminalTcpNoDelay() {
		return (connector) -> connector.setProperty("socket.tcpNoDelay", "true");
	}

}
