package io.envstream.gateway;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared infrastructure of the gateway's features. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

	/** Timers: heartbeats, lease renewal, live batching deadlines. Tasks must not block for long. */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService gatewayScheduler() {
		return Executors.newScheduledThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "gateway-timer");
			thread.setDaemon(true);
			return thread;
		});
	}

}
