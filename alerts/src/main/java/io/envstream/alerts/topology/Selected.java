package io.envstream.alerts.topology;

import java.util.List;
import java.util.Map;

import io.envstream.alerts.rules.AlertRule;
import io.envstream.alerts.rules.RuleSource;
import io.envstream.schemas.avro.AlertKind;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The rules of one kind that watch an environment, by id or by the labels of its descriptor. */
final class Selected {

	private final RuleSource rules;

	private final AlertKind kind;

	private final KeyValueStore<String, EnvironmentDescriptor> environments;

	Selected(RuleSource rules, AlertKind kind, ProcessorContext<?, ?> context) {
		this.rules = rules;
		this.kind = kind;
		this.environments = context.getStateStore(AlertTopology.ENVIRONMENTS_STORE);
	}

	List<AlertRule> rules(String envId) {
		List<AlertRule> ofKind = this.rules.current().stream().filter((rule) -> rule.kind() == this.kind).toList();
		if (ofKind.isEmpty()) {
			return ofKind;
		}
		EnvironmentDescriptor descriptor = this.environments.get(envId);
		Map<String, String> labels = (descriptor != null) ? descriptor.getLabels() : Map.of();
		return ofKind.stream().filter((rule) -> rule.selects(envId, labels)).toList();
	}

}
