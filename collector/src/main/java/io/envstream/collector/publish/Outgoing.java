package io.envstream.collector.publish;

import io.envstream.collector.logs.LogLine;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogFilePosition;
import io.envstream.schemas.avro.RawLine;

/** What waits in the buffer for the next transaction; {@code cost} is its share of the buffer. */
sealed interface Outgoing {

	/** Fixed charge per record, so that many tiny records are bounded too. */
	int OVERHEAD = 256;

	int cost();

	/** A line of container {@code containerId} of environment {@code envId}, as shipped and as read ({@code read}). */
	record Line(String envId, String containerId, RawLine line, LogLine read, int cost) implements Outgoing {

		/** Its length in the log. */
		long bytes() {
			return this.read.bytes();
		}

		/**
		 * Where the container stands once this line is shipped. Built for the last line of each container in a
		 * transaction only, not per line: the Avro builder copies every field's default.
		 */
		Checkpoint checkpoint(String hostId) {
			return Checkpoint.newBuilder()
				.setHostId(hostId)
				.setContainerId(this.containerId)
				.setLastTimestampNanos(this.read.position().timestampNanos())
				.setRecordsAtTimestamp(this.read.position().recordsAtTimestamp())
				.setSeq(this.line.getSeq())
				.setLogFilePosition((this.read.file() != null)
						? new LogFilePosition(this.read.file().fileKey(), this.read.file().offset()) : null)
				.build();
		}

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
