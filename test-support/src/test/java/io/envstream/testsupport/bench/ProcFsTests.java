package io.envstream.testsupport.bench;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcFsTests {

	@Test
	void keepsTheCpuOfAChildThatEndedWithItsParent() throws Exception {
		long self = ProcessHandle.current().pid();
		long before = ProcFs.endedChildrenCpuNanos(self);
		// a shell counting to 2 million: a few hundred milliseconds of CPU, then it ends and is waited for
		Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 2000000 ]; do i=$((i+1)); done").start();
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the counting shell ended").isTrue();
		assertThat(child.exitValue()).isZero();

		assertThat(ProcFs.endedChildrenCpuNanos(self) - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
	}

	@Test
	void readsNothingOfAProcessThatIsGone() {
		assertThat(ProcFs.endedChildrenCpuNanos(Long.MAX_VALUE)).isZero();
	}

}
