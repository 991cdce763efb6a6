package io.envstream.schemas.topics;

import org.apache.kafka.common.config.TopicConfig;

/** The {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {

	/** Old segments are deleted after retention. */
	DELETE(TopicConfig.CLEANUP_POLICY_DELETE),

	/** Only the latest value per key is kept; a null value deletes the key. */
	COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

	private final String configValue;

	CleanupPolicy(String configValue) {
		this.configValue = configValue;
	}

	/** The value of the {@code cleanup.policy} topic config. */
	public String configValue() {
		return this.configValue;
	}

}
