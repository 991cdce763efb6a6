package io.envstream.collector.stats;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.BlkioStatEntry;
import com.github.dockerjava.api.model.BlkioStatsConfig;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Statistics;

/** Takes the figures {@code docker stats} uses out of docker-java's {@link Statistics}. */
final class StatisticsReader {

	private StatisticsReader() {
	}

	static StatsSample read(Statistics statistics) {
		CpuStatsConfig cpu = statistics.getCpuStats();
		CpuStatsConfig preCpu = statistics.getPreCpuStats();
		MemoryStatsConfig memory = statistics.getMemoryStats();
		long netRx = 0;
		long netTx = 0;
		Map<String, StatisticNetworksConfig> networks = statistics.getNetworks();
		if (networks != null) {
			for (StatisticNetworksConfig network : networks.values()) {
				netRx += value(network.getRxBytes());
				netTx += value(network.getTxBytes());
			}
		}
		long blkRead = 0;
		long blkWrite = 0;
		BlkioStatsConfig blkio = statistics.getBlkioStats();
		List<BlkioStatEntry> entries = (blkio != null) ? blkio.getIoServiceBytesRecursive() : null;
		if (entries != null) {
			for (BlkioStatEntry entry : entries) {
				String op = entry.getOp();
				if (op == null || op.isEmpty()) {
					continue;
				}
				switch (op.charAt(0)) {
					case 'r', 'R' -> blkRead += value(entry.getValue());
					case 'w', 'W' -> blkWrite += value(entry.getValue());
					default -> {
					}
				}
			}
		}
		return new StatsSample(cpuTotal(cpu), cpuTotal(preCpu), (cpu != null) ? value(cpu.getSystemCpuUsage()) : 0,
				(preCpu != null) ? value(preCpu.getSystemCpuUsage()) : 0,
				(cpu != null) ? value(cpu.getOnlineCpus()) : 0, perCpuCount(cpu),
				(memory != null) ? value(memory.getUsage()) : 0, (memory != null) ? value(memory.getLimit()) : 0,
				(memory != null && memory.getStats() != null) ? memory.getStats().getTotalInactiveFile() : null,
				(memory != null && memory.getStats() != null) ? memory.getStats().getInactiveFile() : null, netRx,
				netTx, blkRead, blkWrite,
				(statistics.getPidsStats() != null) ? value(statistics.getPidsStats().getCurrent()) : 0);
	}

	private static long cpuTotal(CpuStatsConfig cpu) {
		return (cpu != null && cpu.getCpuUsage() != null) ? value(cpu.getCpuUsage().getTotalUsage()) : 0;
	}

	private static int perCpuCount(CpuStatsConfig cpu) {
		return (cpu != null && cpu.getCpuUsage() != null && cpu.getCpuUsage().getPercpuUsage() != null)
				? cpu.getCpuUsage().getPercpuUsage().size() : 0;
	}

	private static long value(Long value) {
		return (value != null) ? value : 0L;
	}

}
