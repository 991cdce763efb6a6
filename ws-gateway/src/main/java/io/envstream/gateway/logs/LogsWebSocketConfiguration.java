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

	LogsWebSocketConfiguration(LogsService service, ScheduledExecutorService gatewayScheduler,
			GatewayProperties properties) {
		this.service = service;
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
		registry.addHandler(new LogsWebSocketHandler(this.service), "/api/v1/ws/environments/{id}/logs")
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

	/** Client messages over the limit close the connection with 1009 (the container's own check). */
	@Bean
	static ServletServerContainerFactoryBean webSocketContainer(GatewayProperties properties) {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		int max = (int) Math.min(Integer.MAX_VALUE, properties.maxMessageSize().toBytes());
		container.setMaxTextMessageBufferSize(max);
		container.setMaxBinaryMessageBufferSize(max);
		return container;
	}

}
