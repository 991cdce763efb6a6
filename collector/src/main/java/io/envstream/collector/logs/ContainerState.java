package io.envstream.collector.logs;

/** What a follower needs to know about its container when its log ends. */
public enum ContainerState {

	/** Running: the log ended because the connection did; read on. */
	RUNNING,
	/** Exists but does not run: wait for it to start again. */
	STOPPED,
	/** Removed: the log is complete. */
	GONE,
	/** The engine could not say: retry later. */
	UNKNOWN

}
