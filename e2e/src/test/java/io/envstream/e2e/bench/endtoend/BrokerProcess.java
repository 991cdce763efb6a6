package io.envstream.e2e.bench.endtoend;

import io.envstream.testsupport.kafka.KafkaFixture;

/**
 * A one-broker KRaft cluster in a JVM of its own, so the end-to-end benchmarks can count the
 * broker's CPU apart from every app's. Prints {@code BOOTSTRAP <servers>} once it answers and
 * stops when its stdin closes (the harness ending included).
 */
public final class BrokerProcess {

	private BrokerProcess() {
	}

	public static void main(String[] args) throws Exception {
		try (KafkaFixture kafka = KafkaFixture.startCluster(1)) {
			System.out.println("BOOTSTRAP " + kafka.bootstrapServers());
			System.out.flush();
			while (System.in.read() != -1) {
				// run until the harness closes our stdin
			}
		}
		System.exit(0);
	}

}
