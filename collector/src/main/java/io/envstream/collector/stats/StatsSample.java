package io.envstream.collector.stats;

/**
 * The figures of one engine stats reading that {@code docker stats} uses; {@code null} where the
 * engine did not report a figure.
 * @param cpuTotal container CPU time, ns
 * @param preCpuTotal container CPU time at the previous reading, ns
 * @param systemCpu host CPU time, ns
 * @param preSystemCpu host CPU time at the previous reading, ns
 * @param onlineCpus CPUs online (0: unknown)
 * @param perCpuCount entries of the per-CPU usage list (the fallback for onlineCpus)
 * @param memoryUsage memory usage, bytes
 * @param memoryLimit memory limit, bytes
 * @param totalInactiveFile cgroup v1 {@code total_inactive_file}, or null
 * @param inactiveFile cgroup v2 {@code inactive_file}, or null
 * @param netRx bytes received, all interfaces
 * @param netTx bytes sent, all interfaces
 * @param blkRead bytes read from block devices
 * @param blkWrite bytes written to block devices
 * @param pids processes and threads
 */
record StatsSample(long cpuTotal, long preCpuTotal, long systemCpu, long preSystemCpu, long onlineCpus,
		int perCpuCount, long memoryUsage, long memoryLimit, Long totalInactiveFile, Long inactiveFile, long netRx,
		long netTx, long blkRead, long blkWrite, long pids) {

	/** These figures with {@code earlier}'s CPU times as the previous reading's: the CPU used between the two. */
	StatsSample since(StatsSample earlier) {
		return new StatsSample(this.cpuTotal, earlier.cpuTotal, this.systemCpu, earlier.systemCpu, this.onlineCpus,
				this.perCpuCount, this.memoryUsage, this.memoryLimit, this.totalInactiveFile, this.inactiveFile,
				this.netRx, this.netTx, this.blkRead, this.blkWrite, this.pids);
	}

}
