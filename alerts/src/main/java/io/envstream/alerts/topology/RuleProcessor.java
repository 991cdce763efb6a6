package io.envstream.alerts.topology;

import io.envstream.alerts.rules.RuleSource;
import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.AlertKind;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/** What the processors of the three rule kinds share: the rules of their kind, their store, where alerts go. */
abstract class RuleProcessor<V> implements Processor<String, V, String, Alert> {

	private final RuleSource rules;

	private final AlertKind kind;

	private final String storeName;

	ProcessorContext<String, Alert> context;

	Selected selected;

	RuleState state;

	RuleProcessor(RuleSource rules, AlertKind kind, String storeName) {
		this.rules = rules;
		this.kind = kind;
		this.storeName = storeName;
	}

	@Override
	public void init(ProcessorContext<String, Alert> context) {
		this.context = context;
		this.selected = new Selected(this.rules, this.kind, context);
		this.state = new RuleState(context, this.storeName);
	}

}
