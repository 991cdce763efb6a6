package io.envstream.alerts.rules;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The rules in force, kept in memory for the stream threads: loaded at start-up, reloaded after each change made
 * through the API and every {@code envstream.alerts.rules-refresh} (for changes made elsewhere). While PostgreSQL
 * is down the last rules loaded stay in force.
 */
@Component
class RuleBook implements RuleSource {

	private static final Logger logger = LoggerFactory.getLogger(RuleBook.class);

	private final RuleRepository repository;

	private volatile List<AlertRule> rules;

	RuleBook(RuleRepository repository) {
		this.repository = repository;
		this.rules = repository.findAll();
	}

	@Override
	public List<AlertRule> current() {
		return this.rules;
	}

	@Scheduled(fixedDelayString = "${envstream.alerts.rules-refresh:5s}")
	void reload() {
		try {
			this.rules = this.repository.findAll();
		}
		catch (DataAccessException ex) {
			logger.warn("Cannot reload the alert rules, keeping the {} loaded before: {}", this.rules.size(),
					ex.getMessage());
		}
	}

}
