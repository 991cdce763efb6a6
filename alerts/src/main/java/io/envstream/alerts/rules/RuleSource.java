package io.envstream.alerts.rules;

import java.util.List;

/** The rules in force, as the topology sees them: read on every record, so a change applies to the next one. */
@FunctionalInterface
public interface RuleSource {

	List<AlertRule> current();

}
