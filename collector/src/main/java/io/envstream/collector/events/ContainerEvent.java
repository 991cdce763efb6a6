package io.envstream.collector.events;

import java.util.Map;

/**
 * A lifecycle event of an environment container, from the engine's event stream.
 * @param containerId full container id
 * @param action the engine's action ({@code create}, {@code start}, {@code die}, {@code health_status: healthy}, …)
 * @param attributes the actor's attributes (labels, {@code exitCode}, {@code name}, …)
 * @param timeNanos when it happened
 */
public record ContainerEvent(String containerId, String action, Map<String, String> attributes, long timeNanos) {

	/** The exit code of a {@code die} event, or {@code null}. */
	public Integer exitCode() {
		String value = this.attributes.get("exitCode");
		try {
			return (value != null) ? Integer.valueOf(value) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The health state of a {@code health_status: <state>} event, or {@code null}. */
	public String health() {
		return this.action.startsWith(StatusChange.HEALTH_PREFIX)
				? this.action.substring(StatusChange.HEALTH_PREFIX.length()).trim() : null;
	}

}
