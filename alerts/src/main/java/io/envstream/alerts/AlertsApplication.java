package io.envstream.alerts;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AlertsApplication {

	/** The defaults live in {@code alerts.yaml}; an operator's {@code application.yaml} overrides them. */
	public static final String CONFIG_NAME = "alerts,application";

	public static void main(String[] args) {
		application().run(args);
	}

	/** The alerts app as a {@link SpringApplication} that is not started yet, for {@link #main} and for tests. */
	public static SpringApplication application() {
		SpringApplication application = new SpringApplication(AlertsApplication.class);
		application.setMainApplicationClass(AlertsApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		return application;
	}

}
