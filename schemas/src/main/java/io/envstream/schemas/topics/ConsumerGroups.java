package io.envstream.schemas.topics;

/** Consumer groups whose committed offsets other apps rely on, named once. */
public final class ConsumerGroups {

	/**
	 * The persister's group on {@code envstream.logs}. Its committed offset of a partition says what is in
	 * PostgreSQL: every line below it is stored. The gateway reads it to find the lines it must take from Kafka.
	 */
	public static final String PERSISTER = "envstream-persister";

	private ConsumerGroups() {
	}

}
