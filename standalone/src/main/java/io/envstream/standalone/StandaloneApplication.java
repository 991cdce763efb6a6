package io.envstream.standalone;

import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * One JVM with a real KRaft Kafka broker, embedded PostgreSQL and the three apps.
 * <p>
 * Deliberately not {@code @SpringBootApplication}: this launcher's context only holds
 * the embedded services. Every app auto-configures itself in a context of its own;
 * with all their jars on this classpath, auto-configuring the launcher would build a
 * DataSource, Kafka and security beans for nothing.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class StandaloneApplication {

	static final String CONFIG_NAME = "standalone,application";

	public static void main(String[] args) {
		application().run(args);
	}

	static SpringApplication application() {
		SpringApplication application = new SpringApplication(StandaloneApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		return application;
	}

	@Bean
	Standalone standalone(StandaloneProperties properties, ApplicationArguments arguments) {
		return new Standalone(properties, arguments.getSourceArgs());
	}

}
