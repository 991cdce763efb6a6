package io.envstream.schemas.topics;

/**
 * An existing topic whose setting differs from its definition.
 * @param topic topic name
 * @param setting the setting that differs
 * @param expected the value envstream would have created the topic with
 * @param actual the value the topic has
 */
public record TopicMismatch(String topic, Setting setting, String expected, String actual) {

	@Override
	public String toString() {
		return this.topic + ": " + this.setting + " is " + this.actual + ", expected " + this.expected;
	}

	/** A topic setting the provisioner checks. */
	public enum Setting {

		PARTITIONS("partitions"), CLEANUP_POLICY("cleanup.policy");

		private final String label;

		Setting(String label) {
			this.label = label;
		}

		@Override
		public String toString() {
			return this.label;
		}

	}

}
