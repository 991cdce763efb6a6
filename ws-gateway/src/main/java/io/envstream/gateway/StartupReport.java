package io.envstream.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs the effective settings once, so that what runs where is visible in the log.
 * For now that is the settings' only use; the logs, limits, history and status features take
 * them over as they arrive.
 */
@Component
class StartupReport {

	private static final Logger logger = LoggerFactory.getLogger(StartupReport.class);

	private final GatewayProperties properties;

	StartupReport(GatewayProperties properties) {
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		logger.info("gateway settings: {}", this.properties);
	}

}
