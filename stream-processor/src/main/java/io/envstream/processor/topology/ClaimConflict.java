package io.envstream.processor.topology;

/** What in a line or descriptor contradicts the claim of its environment id; the {@code conflict} metric tag. */
public enum ClaimConflict {

	/** It comes from another host than the one the id belongs to. */
	HOST("host"),

	/** Its descriptor carries another owner label than the claim's. */
	OWNER("owner"),

	/** Its descriptor carries another team label than the claim's. */
	TEAM("team"),

	/** It comes from a container whose descriptor was refused. */
	CONTAINER("container");

	private final String tag;

	ClaimConflict(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
