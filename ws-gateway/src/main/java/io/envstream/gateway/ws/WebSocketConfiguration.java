package io.envstream.gateway.ws;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * What every environment endpoint shares: WebSocket support, the token filter, the container's
 * buffer sizes. Each endpoint registers itself with {@link #register} from a
 * {@code WebSocketConfigurer} of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class WebSocketConfiguration {

	/** The path of an environment endpoint: {@code /api/v1/ws/environments/{id}/<endpoint>}. */
	public static void register(WebSocketHandlerRegistry registry, WebSocketHandler handler, String endpoint) {
		registry.addHandler(handler, "/api/v1/ws/environments/{id}/" + endpoint)
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
	 * not, so they must not be sized for the largest message; {@link JoiningTextWebSocketHandler}
	 * joins fragments up to {@code max-message-size} itself.
	 */
	@Bean
	static ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(1024);
		container.setMaxBinaryMessageBufferSize(1024);
		return container;
	}

}
