package io.envstream.processor;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StreamProcessorApplication {

	/**
	 * The processor's defaults live in {@code processor.yaml}; an operator's
	 * {@code application.yaml} still overrides them, and in the standalone JVM the
	 * three apps do not shadow each other's defaults.
	 */
	public static final String CONFIG_NAME = "processor,application";

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The stream-processor as a {@link SpringApplication} that is not started yet,
	 * for {@link #main} and for a launcher that runs it next to other apps.
	 * @return the application, reading {@value #CONFIG_NAME}
	 */
	public static SpringApplication application() {
		SpringApplication application = new SpringApplication(StreamProcessorApplication.class);
		// not deduced from the stack: a launcher's main may be the one running
		application.setMainApplicationClass(StreamProcessorApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		return application;
	}

}
