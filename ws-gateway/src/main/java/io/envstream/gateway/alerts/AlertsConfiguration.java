package io.envstream.gateway.alerts;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertsProperties.class)
class AlertsConfiguration {

	@Bean
	AlertRules alertRules(AlertsProperties properties) {
		return new AlertRules(properties);
	}

}
