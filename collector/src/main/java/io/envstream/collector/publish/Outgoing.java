package io.envstream.collector.publish;

import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.RawLine;

/** What waits in the buffer for the next transaction; {@code cost} is its share of the buffer. */
sealed interface Outgoing {

	/** Fixed charge per record, so that many tiny records are bounded too. */
	int OVERHEAD = 256;

	int cost();

	/**
	 * A line of container {@code containerId} of environment {@code envId}; {@code checkpoint} is where the container
	 * stands once it is shipped, {@code bytes} its length in the log.
	 */
	record Line(String envId, String containerId, RawLine line, Checkpoint checkpoint, long bytes, int cost)
			implements Outgoing {
	}

	record Status(EnvironmentStatus status) implements Outgoing {
		public int cost() {
			return OVERHEAD;
		}
	}

	record Metrics(ContainerMetrics metrics) implements Outgoing {
		public int cost() {
			return OVERHEAD;
		}
	}

	record Descriptor(EnvironmentDescriptor descriptor) implements Outgoing {
		public int cost() {
			return 4 * OVERHEAD;
		}
	}

	record ForgetCheckpoint(String containerId) implements Outgoing {
		public int cost() {
			return OVERHEAD;
		}
	}

}
