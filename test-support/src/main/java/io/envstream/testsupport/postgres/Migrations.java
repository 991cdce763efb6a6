package io.envstream.testsupport.postgres;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the envstream schema: whatever Flyway migrations the schemas jar carries. */
final class Migrations {

	static final String LOCATION = "classpath:db/migration";

	static final String HISTORY_TABLE = "flyway_schema_history";

	private static final Logger log = LoggerFactory.getLogger(Migrations.class);

	private Migrations() {
	}

	static void apply(DataSource dataSource) {
		MigrateResult result = Flyway.configure()
				.dataSource(dataSource)
				.locations(LOCATION)
				.table(HISTORY_TABLE)
				.load()
				.migrate();
		if (result.migrationsExecuted > 0) {
			log.info("Flyway applied {} migration(s) from {}; schema now at version {}", result.migrationsExecuted,
					LOCATION, result.targetSchemaVersion);
		}
		else {
			log.info("Schema already up to date with {}", LOCATION);
		}
	}

}
