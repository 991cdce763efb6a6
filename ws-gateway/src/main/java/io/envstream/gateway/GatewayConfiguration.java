package io.envstream.gateway;

import java.util.concurrent.ScheduledExecutorService;

import io.envstream.gateway.lifecycle.GatewayExecutors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared infrastructure of the gateway's features. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	/** Timers: heartbeats, lease renewal, live batching deadlines. Tasks must not block for long. */
	@Bean(destroyMethod = "")
	ScheduledExecutorService gatewayScheduler(GatewayExecutors executors) {
		// owned and shut down by the executors
		return executors.scheduled("gateway-timer", 2);
	}

}
