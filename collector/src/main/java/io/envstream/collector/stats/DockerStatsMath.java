package io.envstream.collector.stats;

/** The arithmetic of {@code docker stats} (docker/cli {@code stats_helpers.go}), to give the same figures. */
final class DockerStatsMath {

	private DockerStatsMath() {
	}

	/**
	 * CPU usage between the two readings in percent of one CPU: container CPU time over host CPU
	 * time, times the online CPUs; 0 when either did not grow.
	 */
	static double cpuPercent(StatsSample sample) {
		double cpuDelta = (double) sample.cpuTotal() - (double) sample.preCpuTotal();
		double systemDelta = (double) sample.systemCpu() - (double) sample.preSystemCpu();
		double onlineCpus = (sample.onlineCpus() != 0) ? sample.onlineCpus() : sample.perCpuCount();
		if (systemDelta > 0.0 && cpuDelta > 0.0) {
			return (cpuDelta / systemDelta) * onlineCpus * 100.0;
		}
		return 0.0;
	}

	/** Memory usage without the page cache that can be reclaimed (inactive files), as the CLI shows it. */
	static long memoryUsageWithoutCache(StatsSample sample) {
		Long v1 = sample.totalInactiveFile();
		if (v1 != null && v1 < sample.memoryUsage()) {
			return sample.memoryUsage() - v1;
		}
		Long v2 = sample.inactiveFile();
		long inactive = (v2 != null) ? v2 : 0L;
		if (inactive < sample.memoryUsage()) {
			return sample.memoryUsage() - inactive;
		}
		return sample.memoryUsage();
	}

}
