package io.envstream.collector.terminal;

/**
 * Who opened a terminal session, where, and what runs in it.
 *
 * @param sessionId the id a client reattaches with
 * @param user the JWT subject that opened it; the only one who may reattach
 * @param environmentId the environment
 * @param containerId the container the shell runs in
 * @param command what runs, as shown in the audit record
 * @param startedMillis when the shell started, milliseconds since the Unix epoch
 */
record SessionInfo(String sessionId, String user, String environmentId, String containerId, String command,
		long startedMillis) {
}
