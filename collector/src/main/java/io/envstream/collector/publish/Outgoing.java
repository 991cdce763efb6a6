package io.envstream.collector.publish;

import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogEvent;

/** What waits in the buffer for the next transaction; {@code cost} is its share of the buffer. */
sealed interface Outgoing {

	/** Fixed charge per record, so that many tiny records are bounded too. */
	int OVERHEAD = 256;

	int cost();

	record Line(LogEvent event, Checkpoint checkpoint, long bytes, int cost) implements Outgoing {
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
