package io.envstream.gateway;

import java.util.Map;

import io.envstream.gateway.ws.WebSocketBuffers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

	/**
	 * The gateway's defaults live in {@code gateway.yaml}; an operator's
	 * {@code application.yaml} still overrides them, and in the standalone JVM the
	 * three apps do not shadow each other's defaults.
	 */
	public static final String CONFIG_NAME = "gateway,application";

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The ws-gateway as a {@link SpringApplication} that is not started yet,
	 * for {@link #main} and for a launcher that runs it next to other apps (which must call
	 * {@link WebSocketBuffers#useGatewayDefault()} itself if a Tomcat of its own starts first).
	 * @return the application, reading {@value #CONFIG_NAME}
	 */
	public static SpringApplication application() {
		WebSocketBuffers.useGatewayDefault();
		SpringApplication application = new SpringApplication(GatewayApplication.class);
		// not deduced from the stack: a launcher's main may be the one running
		application.setMainApplicationClass(GatewayApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		return application;
	}

}
