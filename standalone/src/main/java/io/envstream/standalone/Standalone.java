package io.envstream.standalone;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * Starts, in order, the Kafka broker, PostgreSQL and the three apps, and stops them
 * in the order that loses nothing: the apps first, while Kafka and PostgreSQL still
 * answer, then the broker, then PostgreSQL. Runs with the launcher's context, so the
 * JVM's shutdown hook (SIGTERM, Ctrl-C) stops everything.
 */
final class Standalone implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Standalone.class);

	private final StandaloneProperties properties;

	private final Environment environment;

	private final String[] args;

	private KafkaBroker broker;

	private EmbeddedDatabase database;

	private Apps apps;

	private volatile WhatRunsWhere whatRunsWhere;

	Standalone(StandaloneProperties properties, Environment environment, String[] args) {
		this.properties = properties;
		this.environment = environment;
		this.args = args.clone();
	}

	@Override
	public void start() {
		long started = System.nanoTime();
		try {
			String kafkaBootstrapServers = startKafka();
			String jdbcUrl = startPostgres();
			Optional<LocalIssuer> issuer = LocalIssuer.of(this.environment, this.properties);
			this.apps = Apps.start(this.properties, kafkaBootstrapServers, jdbcUrl, issuer, this.environment, this.args);
			this.whatRunsWhere = new WhatRunsWhere(kafkaBootstrapServers, kafkaDetail(), jdbcUrl, postgresDetail(),
					this.properties.dataDir(), this.apps.urls(), this.apps.actuatorUrls(), tokensDetail(issuer.isPresent()));
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
		logger.info(this.whatRunsWhere.describe(Duration.ofNanos(System.nanoTime() - started)));
	}

	private String startKafka() {
		if (!this.properties.embeddedKafka()) {
			return this.properties.kafkaBootstrapServers();
		}
		logger.info("Starting the embedded Kafka broker");
		this.broker = KafkaBroker.start(this.properties.dataDir().resolve("kafka"), this.properties.kafkaPort(),
				this.properties.kafkaControllerPort());
		return this.broker.bootstrapServers();
	}

	private String startPostgres() {
		if (!this.properties.embeddedPostgres()) {
			return this.properties.jdbcUrl();
		}
		logger.info("Starting embedded PostgreSQL");
		this.database = EmbeddedDatabase.start(this.properties.dataDir().resolve("postgres"),
				this.properties.postgresPort());
		return this.database.jdbcUrl();
	}

	private String kafkaDetail() {
		return (this.broker != null) ? "embedded KRaft broker and controller, controller 127.0.0.1:"
				+ this.properties.kafkaControllerPort() + ", cluster id " + this.broker.clusterId() : "external";
	}

	private String tokensDetail(boolean local) {
		if (!local) {
			return "from the external issuer (" + LocalIssuer.JWT_PREFIX + ".*)";
		}
		String command = "token command: infra/dev/token.sh <user> [--admin] [--team T] [--ttl 8h]";
		return this.properties.signIn() ? "sign in at " + this.apps.urls().get(Apps.GATEWAY).resolve(SignInConfiguration.PATH)
				+ ", or the " + command : command;
	}

	private String postgresDetail() {
		return (this.database != null) ? "embedded, role " + EmbeddedDatabase.NAME : "external";
	}

	@Override
	public void stop() {
		this.whatRunsWhere = null;
		if (this.apps != null) {
			this.apps.close();
			this.apps = null;
		}
		if (this.broker != null) {
			logger.info("Stopping the embedded Kafka broker");
			stopQuietly(this.broker, "the embedded Kafka broker");
			this.broker = null;
		}
		if (this.database != null) {
			logger.info("Stopping embedded PostgreSQL");
			stopQuietly(this.database, "embedded PostgreSQL");
			this.database = null;
		}
	}

	private static void stopQuietly(AutoCloseable service, String name) {
		try {
			service.close();
		}
		catch (Exception ex) {
			logger.warn("{} did not stop cleanly", name, ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.whatRunsWhere != null;
	}

	/** What runs where, once started. */
	WhatRunsWhere whatRunsWhere() {
		return this.whatRunsWhere;
	}

}
