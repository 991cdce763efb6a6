package io.envstream.gateway.security;

import java.util.Locale;

/**
 * What a caller may do in an environment. {@link #READ}: its logs, history and status. {@link #EXEC}:
 * also a terminal in its container, a shell with the container's rights, so it is granted apart
 * from reading (as Kubernetes keeps {@code pods/exec} apart from {@code pods/log}).
 */
public enum Permission {

	READ, EXEC;

	/** As the REST API and {@code environment_acl.permission} spell it. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
