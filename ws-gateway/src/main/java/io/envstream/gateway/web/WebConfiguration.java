package io.envstream.gateway.web;

import java.util.concurrent.ScheduledExecutorService;

import io.envstream.gateway.limits.LimitsProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The REST API's per-user rate ({@link RestRateLimit}) in front of every controller under {@code /api/v1}. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final RestRateLimit rateLimit;

	WebConfiguration(LimitsProperties properties, ScheduledExecutorService scheduler, MeterRegistry registry) {
		this.rateLimit = new RestRateLimit(properties, scheduler, registry);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.rateLimit).addPathPatterns("/api/v1/**").excludePathPatterns("/api/v1/ws/**");
	}

}
