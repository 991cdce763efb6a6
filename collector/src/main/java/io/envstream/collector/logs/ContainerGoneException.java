package io.envstream.collector.logs;

import java.io.IOException;

/** The container whose log was asked for does not exist (any more). */
public class ContainerGoneException extends IOException {

	private static final long serialVersionUID = 1L;

	public ContainerGoneException(String containerId) {
		super("no container " + containerId);
	}

}
