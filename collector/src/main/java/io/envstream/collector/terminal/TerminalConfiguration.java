package io.envstream.collector.terminal;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The agent's internal terminal endpoint. Keystrokes are latency-critical: the connector sends
 * small writes at once ({@code TCP_NODELAY}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class TerminalConfiguration implements WebSocketConfigurer {

	/** The gateway relays client messages of up to 1 MiB unchanged (a large paste). */
	private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

	private final TerminalProperties properties;

	private final TerminalSessions sessions;

	TerminalConfiguration(TerminalProperties properties, TerminalSessions sessions) {
		this.properties = properties;
		this.sessions = sessions;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		AgentTokenCheck tokens = this.properties.enabled()
				? new AgentTokenCheck(this.properties.key(), this.sessions.hostId()) : null;
		registry.addHandler(new TerminalWebSocketHandler(tokens, this.sessions), TerminalWebSocketHandler.PATH);
	}

	@Bean
	ServletServerContainerFactoryBean terminalWebSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
		return container;
	}

	@Bean
	TomcatConnectorCustomizer terminalTcpNoDelay() {
		return (connector) -> connector.setProperty("socket.tcpNoDelay", "true");
	}

}
