package io.envstream.collector.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DockerStatsMathTests {

	@Test
	void computesCpuAsDockerStatsDoes() {
		// 0.5 s of container CPU during 2 s of host CPU time on 2 CPUs: 50 %
		StatsSample sample = sample(1_500_000_000L, 1_000_000_000L, 12_000_000_000L, 10_000_000_000L, 2, 0);

		assertThat(DockerStatsMath.cpuPercent(sample)).isCloseTo(50.0, within(1e-9));
	}

	@Test
	void exceedsOneHundredWhenSeveralCpusAreBusy() {
		StatsSample sample = sample(3_800_000_000L, 0, 2_000_000_000L, 0, 2, 0);

		assertThat(DockerStatsMath.cpuPercent(sample)).isCloseTo(380.0, within(1e-9));
	}

	@Test
	void countsPerCpuEntriesWhenOnlineCpusIsMissing() {
		StatsSample sample = sample(1_000_000_000L, 0, 4_000_000_000L, 0, 0, 4);

		assertThat(DockerStatsMath.cpuPercent(sample)).isCloseTo(100.0, within(1e-9));
	}

	@Test
	void isZeroWithoutAPreviousReading() {
		StatsSample first = sample(1_000_000_000L, 1_000_000_000L, 5_000_000_000L, 0, 2, 0);

		assertThat(DockerStatsMath.cpuPercent(first)).isZero();
		assertThat(DockerStatsMath.cpuPercent(sample(5, 1, 5, 5, 2, 0))).isZero();
	}

	@Test
	void measuresTheCpuBetweenTwoReadingsThatEachHaveNoPreviousOne() {
		// one-shot readings 5 s apart on 2 CPUs (10 s of host CPU time), the container busy 2.5 s of them: 50 %
		StatsSample before = sample(7_000_000_000L, 0, 100_000_000_000L, 0, 2, 0);
		StatsSample now = sample(9_500_000_000L, 0, 110_000_000_000L, 0, 2, 0);

		assertThat(DockerStatsMath.cpuPercent(now.since(before))).isCloseTo(50.0, within(1e-9));
		// a restarted container's CPU time starts again from 0: nothing to say for that interval
		assertThat(DockerStatsMath.cpuPercent(sample(1_000_000L, 0, 120_000_000_000L, 0, 2, 0).since(now))).isZero();
	}

	@Test
	void leavesTheInactiveFileCacheOutOfMemoryUsage() {
		assertThat(DockerStatsMath.memoryUsageWithoutCache(memory(1000, 300L, null))).isEqualTo(700);
		assertThat(DockerStatsMath.memoryUsageWithoutCache(memory(1000, null, 200L))).isEqualTo(800);
		assertThat(DockerStatsMath.memoryUsageWithoutCache(memory(1000, 2000L, null))).isEqualTo(1000);
		assertThat(DockerStatsMath.memoryUsageWithoutCache(memory(1000, null, null))).isEqualTo(1000);
	}

	private static StatsSample sample(long cpu, long preCpu, long system, long preSystem, long online, int perCpu) {
		return new StatsSample(cpu, preCpu, system, preSystem, online, perCpu, 0, 0, null, null, 0, 0, 0, 0, 0);
	}

	private static StatsSample memory(long usage, Long totalInactiveFile, Long inactiveFile) {
		return new StatsSample(0, 0, 0, 0, 1, 0, usage, 4096, totalInactiveFile, inactiveFile, 0, 0, 0, 0, 0);
	}

}
