package io.envstream.gateway.status;

import io.envstream.gateway.GatewayProperties;
import io.envstream.gateway.ws.WebSocketConfiguration;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Registers the status endpoint, and closes its connections with 1001 when the gateway stops. */
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

	/** Before the web server and the view stop: queued frames go out, then 1001. */
	@Bean
	static SmartLifecycle statusShutdown(StatusService service) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
				service.shutdown(5000);
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

}
