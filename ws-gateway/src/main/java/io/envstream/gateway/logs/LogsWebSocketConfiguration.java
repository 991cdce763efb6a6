package io.envstream.gateway.logs;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.envstream.gateway.GatewayProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Registers the logs endpoint, its message size limit and its heartbeat. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LogsWebSocketConfiguration implements WebSocketConfigurer {

	private final LogsService service;

	private final long maxMessageBytes;

	LogsWebSocketConfiguration(LogsService service, ScheduledExecutorService gatewayScheduler,
			GatewayProperties properties) {
		this.service = service;
		this.maxMessageBytes = properties.maxMessageSize().toBytes();
		long interval = properties.heartbeatInterval().toMillis();
		gatewayScheduler.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
	}

	private void heartbeat() {
		try {
			this.service.heartbeat();
		}
		catch (RuntimeException ex) {
			org.slf4j.LoggerFactory.getLogger(LogsWebSocketConfiguration.class).warn("heartbeat failed", ex);
		}
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new LogsWebSocketHandler(this.service, this.maxMessageBytes), "/api/v1/ws/environments/{id}/logs")
			.addInterceptors(new TokenHandshakeInterceptor())
			.setAllowedOriginPatterns("*");
	}

	/** Before every other filter, so nothing downstream sees or logs {@code ?token=}. */
	@Bean
	static FilterRegistrationBean<TokenQueryFilter> tokenQueryFilter() {
		FilterRegistrationBean<TokenQueryFilter> registration = new FilterRegistrationBean<>(new TokenQueryFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/api/v1/ws/*");
		return registration;
	}

	/**
	 * Small per-connection buffers: the container allocates them for every connection, idle or
	 * not, so they must not be sized for the largest message; {@link LogsWebSocketHandler} joins
	 * fragments up to {@code max-message-size} itself.
	 */
	@Bean
	static ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(1024);
		container.setMaxBinaryMessageBufferSize(1024);
		return container;
	}

}
