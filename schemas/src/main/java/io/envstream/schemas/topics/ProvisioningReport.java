package io.envstream.schemas.topics;

import java.util.List;

/**
 * What {@link TopicProvisioner} did.
 * @param created topics it created
 * @param existing topics that already existed (left untouched)
 * @param mismatches settings of existing topics that differ from their definition
 */
public record ProvisioningReport(List<String> created, List<String> existing, List<TopicMismatch> mismatches) {

	public ProvisioningReport {
		created = List.copyOf(created);
		existing = List.copyOf(existing);
		mismatches = List.copyOf(mismatches);
	}

	/** Whether some existing topic differs from its definition. */
	public boolean hasMismatches() {
		return !this.mismatches.isEmpty();
	}

}
