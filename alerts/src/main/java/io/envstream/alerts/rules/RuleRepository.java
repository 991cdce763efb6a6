package io.envstream.alerts.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.envstream.schemas.avro.AlertKind;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The rules in {@code alerts.alert_rules} (and their label selectors in {@code alerts.alert_rule_labels}). */
@Repository
class RuleRepository {

	private static final String COLUMNS = "id, name, env_id, kind, pattern, metric, above, for_ms, event, at_least,"
			+ " window_ms";

	private final JdbcClient jdbc;

	RuleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<AlertRule> findAll() {
		Map<Long, Map<String, String>> labels = new HashMap<>();
		this.jdbc.sql("SELECT rule_id, key, value FROM alerts.alert_rule_labels").query((row) -> {
			labels.computeIfAbsent(row.getLong(1), (id) -> new HashMap<>()).put(row.getString(2), row.getString(3));
		});
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM alerts.alert_rules ORDER BY id")
			.query((row, number) -> rule(row, labels.getOrDefault(row.getLong("id"), Map.of())))
			.list();
	}

	Optional<AlertRule> findById(long id) {
		return findAll().stream().filter((rule) -> rule.id() == id).findFirst();
	}

	@Transactional
	AlertRule insert(RuleDefinition definition) {
		definition.validate(0);
		long id = this.jdbc.sql("SELECT nextval(pg_get_serial_sequence('alerts.alert_rules', 'id'))")
			.query(Long.class)
			.single();
		AlertRule rule = definition.validate(id);
		this.jdbc.sql("INSERT INTO alerts.alert_rules (" + COLUMNS + ") VALUES (:id, :name, :envId, :kind, :pattern,"
				+ " :metric, :above, :forMs, :event, :atLeast, :windowMs)").params(parameters(rule)).update();
		insertLabels(rule);
		return rule;
	}

	/** @return false when there is no such rule */
	@Transactional
	boolean update(AlertRule rule) {
		int updated = this.jdbc.sql("UPDATE alerts.alert_rules SET name = :name, env_id = :envId, kind = :kind,"
				+ " pattern = :pattern, metric = :metric, above = :above, for_ms = :forMs, event = :event,"
				+ " at_least = :atLeast, window_ms = :windowMs, updated_at = now() WHERE id = :id")
			.params(parameters(rule))
			.update();
		if (updated == 0) {
			return false;
		}
		this.jdbc.sql("DELETE FROM alerts.alert_rule_labels WHERE rule_id = ?").param(rule.id()).update();
		insertLabels(rule);
		return true;
	}

	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM alerts.alert_rules WHERE id = ?").param(id).update() > 0;
	}

	private void insertLabels(AlertRule rule) {
		rule.labels().forEach((key, value) -> this.jdbc
			.sql("INSERT INTO alerts.alert_rule_labels (rule_id, key, value) VALUES (?, ?, ?)")
			.params(rule.id(), key, value)
			.update());
	}

	private static Map<String, Object> parameters(AlertRule rule) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("id", rule.id());
		parameters.put("name", rule.name());
		parameters.put("envId", rule.envId());
		parameters.put("kind", rule.kind().name());
		parameters.put("pattern", (rule.pattern() != null) ? rule.pattern().toString() : null);
		parameters.put("metric", (rule.metric() != null) ? rule.metric().name() : null);
		parameters.put("above", rule.above());
		parameters.put("forMs", (rule.forDuration() != null) ? rule.forDuration().toMillis() : null);
		parameters.put("event", (rule.event() != null) ? rule.event().name() : null);
		parameters.put("atLeast", rule.atLeast());
		parameters.put("windowMs", (rule.window() != null) ? rule.window().toMillis() : null);
		return parameters;
	}

	/** Rows were validated when written: rebuilding them through the same validation keeps one definition. */
	private static AlertRule rule(ResultSet row, Map<String, String> labels) throws SQLException {
		return new RuleDefinition(row.getLong("id"), row.getString("name"), row.getString("env_id"), labels,
				AlertKind.valueOf(row.getString("kind")), row.getString("pattern"),
				enumOrNull(Metric.class, row.getString("metric")), row.getObject("above", Double.class),
				millis(row.getObject("for_ms", Long.class)),
				enumOrNull(LifecycleEvent.class, row.getString("event")), row.getObject("at_least", Integer.class),
				millis(row.getObject("window_ms", Long.class)))
			.validate(row.getLong("id"));
	}

	private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
		return (name != null) ? Enum.valueOf(type, name) : null;
	}

	private static Duration millis(Long millis) {
		return (millis != null) ? Duration.ofMillis(millis) : null;
	}

}
