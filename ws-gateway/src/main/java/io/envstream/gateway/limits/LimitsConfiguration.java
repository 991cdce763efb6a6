package io.envstream.gateway.limits;

import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The limits' settings and the per-address connect rate on the WebSocket handshakes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

	/**
	 * Right after the filter that takes {@code ?token=} off the request (so nothing here sees it),
	 * before Spring Security and the handshake.
	 */
	@Bean
	FilterRegistrationBean<AddressConnectRateFilter> addressConnectRateFilter(LimitsProperties properties,
			ScheduledExecutorService scheduler, MeterRegistry registry) {
		RateBuckets buckets = RateBuckets.sweptEveryMinute(properties.addressConnectBurst(),
				properties.addressConnectsPerSecond(), scheduler);
		FilterRegistrationBean<AddressConnectRateFilter> registration = new FilterRegistrationBean<>(
				new AddressConnectRateFilter(buckets, registry));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.addUrlPatterns("/api/v1/ws/*");
		return registration;
	}

}
