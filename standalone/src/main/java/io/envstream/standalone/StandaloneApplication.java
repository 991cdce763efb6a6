package io.envstream.standalone;

import java.util.Map;

import io.envstream.cli.Io;
import io.envstream.gateway.ws.WebSocketBuffers;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

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

	/**
	 * Runs standalone: with no arguments, only {@code --name=value} settings, or {@code run}; any
	 * other first argument is a command of the {@code envstream} command line ({@code token},
	 * {@code logs}, {@code exec}, ...: see {@link CommandLineEntry}).
	 */
	public static void main(String[] args) {
		if (CommandLineEntry.runsStandalone(args)) {
			application().run(args);
			return;
		}
		int code = CommandLineEntry.execute(Io.system(), args);
		if (code != CommandLineEntry.RUNNING) {
			System.exit(code);
		}
	}

	static SpringApplication application() {
		// the stream processor's Tomcat starts before the gateway's and fixes the size for the whole JVM
		WebSocketBuffers.useGatewayDefault();
		SpringApplication application = new SpringApplication(StandaloneApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		return application;
	}

	@Bean
	Standalone standalone(StandaloneProperties properties, Environment environment, ApplicationArguments arguments) {
		return new Standalone(properties, environment, arguments.getSourceArgs());
	}

}
