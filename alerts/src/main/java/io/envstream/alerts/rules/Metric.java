package io.envstream.alerts.rules;

import io.envstream.schemas.avro.ContainerMetrics;

/** The metrics of {@code envstream.metrics} a rule can watch. */
public enum Metric {

	CPU_PERCENT {
		@Override
		public double of(ContainerMetrics sample) {
			return sample.getCpuPercent();
		}
	},

	MEMORY_BYTES {
		@Override
		public double of(ContainerMetrics sample) {
			return sample.getMemoryBytes();
		}
	},

	/** Memory in use in percent of the container's limit (0 when it has none). */
	MEMORY_PERCENT {
		@Override
		public double of(ContainerMetrics sample) {
			long limit = sample.getMemoryLimitBytes();
			return (limit > 0) ? 100.0 * sample.getMemoryBytes() / limit : 0;
		}
	},

	PIDS {
		@Override
		public double of(ContainerMetrics sample) {
			return sample.getPids();
		}
	};

	public abstract double of(ContainerMetrics sample);

}
