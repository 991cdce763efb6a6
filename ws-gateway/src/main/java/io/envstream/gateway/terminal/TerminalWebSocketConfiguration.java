package io.envstream.gateway.terminal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The terminal's settings and connector. Keystrokes are latency-critical: the connector sends
 * small writes at once ({@code TCP_NODELAY}; Tomcat's default too, set here so it stays so).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TerminalProperties.class)
class TerminalWebSocketConfiguration {

	@Bean
	TomcatConnectorCustomizer terminalTcpNoDelay() {
		return (connector) -> connector.setProperty("socket.tcpNoDelay", "true");
	}

}
