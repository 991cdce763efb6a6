package io.envstream.standalone;

import java.util.Arrays;
import java.util.Map;

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
	 * Runs standalone; or, with {@code token} as the first argument, prints a token and exits
	 * (see {@link TokenCommand}).
	 */
	public static void main(String[] args) {
		if (args.length > 0 && TokenCommand.NAME.equals(args[0])) {
			// the command's output is the point: the token on stdout, a problem on stderr
			System.exit(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		application().run(args);
	}

	static SpringApplication application() {
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
