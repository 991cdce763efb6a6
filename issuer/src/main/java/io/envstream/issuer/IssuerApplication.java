package io.envstream.issuer;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(IssuerProperties.class)
public class IssuerApplication {

	/**
	 * The issuer's defaults (the demo users and clients) live in {@code issuer.yaml}; an
	 * operator's {@code application.yaml}, the environment or arguments override them.
	 */
	public static final String CONFIG_NAME = "issuer,application";

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The issuer as a {@link SpringApplication} that is not started yet, for {@link #main} and
	 * for tests that run it next to a gateway.
	 * @return the application, reading {@value #CONFIG_NAME}
	 */
	public static SpringApplication application() {
		SpringApplication application = new SpringApplication(IssuerApplication.class);
		application.setMainApplicationClass(IssuerApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		return application;
	}

}
