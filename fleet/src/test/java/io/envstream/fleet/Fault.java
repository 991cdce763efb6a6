package io.envstream.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One fault of the fleet suite, injected into a running fleet while its hosts write lines, and the
 * repair that leaves the fleet whole for the next one. {@link #inject} returns when the fault ends
 * (epoch milliseconds): for a kill the moment of the kill (the fleet must carry on without the
 * process), for an outage the moment the part is back.
 */
enum Fault {

	/** Nothing: the baseline. */
	NONE("the fault-free run") {
		@Override
		long inject(Fleet fleet) {
			return System.currentTimeMillis();
		}
	},

	/** kill -9 of the broker leading the busiest partition of envstream.logs.raw, started again once measured. */
	BROKER_KILL("kill -9 the leader broker of the busiest partition") {
		@Override
		long inject(Fleet fleet) {
			return kill(fleet, "kafka-" + busiestPartitionLeader(fleet));
		}
	},

	/** kill -9 of the gateway that holds the most client connections. */
	GATEWAY_KILL("kill -9 one gateway") {
		@Override
		long inject(Fleet fleet) {
			String gateway = List.of("gateway-1", "gateway-2")
				.stream()
				.filter(fleet::has)
				.max(Comparator.comparingInt((service) -> webSocketsOn(fleet, service)))
				.orElseThrow();
			return kill(fleet, gateway);
		}
	},

	/** kill -9 of one of the stream-processors: the other takes its partitions over (exactly once). */
	PROCESSOR_KILL("kill -9 one stream-processor") {
		@Override
		long inject(Fleet fleet) {
			return kill(fleet, "stream-processor-1");
		}
	},

	/** kill -9 of a host's collector, then started again at once: the fault ends with the start. */
	COLLECTOR_KILL("kill -9 one host's collector, then start it") {
		@Override
		long inject(Fleet fleet) {
			fleet.machineDocker("kill", "-s", "KILL", fleet.container("collector-" + HOST_NUMBER));
			fleet.machineDocker("start", fleet.container("collector-" + HOST_NUMBER));
			this.toRepair = "collector-" + HOST_NUMBER;
			return System.currentTimeMillis();
		}
	},

	/** The host's Docker engine stopped (its containers stop with it) for 30 s, then started. */
	ENGINE_STOP("stop one host's Docker engine for 30 s, then start it") {
		@Override
		long inject(Fleet fleet) {
			fleet.machineDocker("stop", "-t", "10", fleet.container(AFFECTED_HOST));
			Fleet.sleep(OUTAGE);
			fleet.startAndAwaitHealthy(AFFECTED_HOST, REPAIR_PATIENCE);
			this.toRepair = "collector-" + HOST_NUMBER;
			return System.currentTimeMillis();
		}
	},

	/** The host's collector disconnected from the network Kafka is on for 30 s. */
	HOST_CUT_OFF("cut one host off from Kafka for 30 s (docker network disconnect, connect)") {
		@Override
		long inject(Fleet fleet) {
			String collector = fleet.container("collector-" + HOST_NUMBER);
			fleet.machineDocker("network", "disconnect", fleet.network("backend"), collector);
			Fleet.sleep(OUTAGE);
			fleet.machineDocker("network", "connect", fleet.network("backend"), collector);
			this.toRepair = "collector-" + HOST_NUMBER;
			return System.currentTimeMillis();
		}
	},

	POSTGRES_STOP("stop PostgreSQL for 10 s") {
		@Override
		long inject(Fleet fleet) {
			fleet.machineDocker("stop", "-t", "10", fleet.container("postgres"));
			Fleet.sleep(Duration.ofSeconds(10));
			fleet.startAndAwaitHealthy("postgres", REPAIR_PATIENCE);
			return System.currentTimeMillis();
		}
	};

	/** The host whose collector, engine or network a host fault hits. */
	static final String AFFECTED_HOST = "host-2";

	private static final String HOST_NUMBER = AFFECTED_HOST.substring("host-".length());

	private static final Duration OUTAGE = Duration.ofSeconds(30);

	private static final Duration REPAIR_PATIENCE = Duration.ofMinutes(5);

	final String description;

	/** The service the fault took down, which {@link #repair} brings back (and waits healthy) when the fault did not. */
	String toRepair;

	Fault(String description) {
		this.description = description;
	}

	/** Injects the fault; returns when it ended, in epoch milliseconds. */
	abstract long inject(Fleet fleet);

	/**
	 * kill -9 of the service's container; returns when the fault ended. Docker does not restart it:
	 * where the fleet runs a twin of the service (gateway-2 beside gateway-1), the fleet carries on
	 * without it and {@link #repair} starts it once measured; where it runs none (the small fleet's
	 * one broker, gateway and processor), nothing could carry on, so it starts again at once and the
	 * fault ends with that start.
	 */
	long kill(Fleet fleet, String service) {
		fleet.machineDocker("kill", "-s", "KILL", fleet.container(service));
		this.toRepair = service;
		if (!fleet.has(twinOf(service))) {
			fleet.machineDocker("start", fleet.container(service));
		}
		return System.currentTimeMillis();
	}

	/** The other service of the same kind: kafka-1 for kafka-2, gateway-2 for gateway-1. */
	private static String twinOf(String service) {
		return service.endsWith("-1") ? service.replaceFirst("-1$", "-2") : service.replaceFirst("-\\d+$", "-1");
	}

	/** Leaves the fleet whole for the next fault: what was killed runs again and is healthy. */
	void repair(Fleet fleet) {
		if (this.toRepair != null) {
			fleet.startAndAwaitHealthy(this.toRepair, REPAIR_PATIENCE);
		}
	}

	/** The faults named by the system property {@code envstream.fleet.faults} (comma-separated), or every one. */
	static List<Fault> selected() {
		String names = System.getProperty("envstream.fleet.faults", "");
		return names.isBlank() ? List.of(values()) : Arrays.stream(names.split(",")).map(String::strip).map(Fault::valueOf).toList();
	}

	/**
	 * The node id of the leader of envstream.logs.raw's busiest partition, asked inside kafka-1's
	 * container with the broker's own client jars (the test's JVM does not reach the backend network).
	 */
	private static int busiestPartitionLeader(Fleet fleet) {
		Path classes = Path.of("target", "test-classes").toAbsolutePath();
		String helper = "io/envstream/fleet/" + BusiestPartitionLeader.class.getSimpleName() + ".class";
		if (!Files.isRegularFile(classes.resolve(helper))) {
			throw new IllegalStateException("no " + classes.resolve(helper) + ": run the suite from the fleet module's build");
		}
		String broker = fleet.container("kafka-1");
		fleet.machineDocker("exec", broker, "mkdir", "-p", "/tmp/fleet-faults/io/envstream/fleet");
		fleet.machineDocker("cp", classes.resolve(helper).toString(), broker + ":/tmp/fleet-faults/" + helper);
		String answer = fleet.machineDocker("exec", broker, "java", "-cp", "/tmp/fleet-faults:/opt/kafka/libs/*",
				BusiestPartitionLeader.class.getName(), "localhost:9092", "envstream.logs.raw", "5").strip();
		// the answer's line among the client's log lines (stderr, which the output includes)
		String leader = answer.lines()
			.filter((line) -> line.matches("\\d+ envstream\\.logs\\.raw-\\d+ \\d+"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no leader in the answer: " + answer));
		System.err.println("[fleet-faults] busiest partition: leader, partition, records in 5 s: " + leader);
		return Integer.parseInt(leader.split(" ")[0]);
	}

	/** Established connections to the gateway's public port (8080, hex 1F90): its WebSocket clients, through the load balancer. */
	private static int webSocketsOn(Fleet fleet, String gateway) {
		String table = fleet.machineDocker("exec", fleet.container(gateway), "cat", "/proc/net/tcp", "/proc/net/tcp6");
		return (int) table.lines().map((line) -> line.strip().split("\\s+")).filter((f) -> f.length > 3 && f[1].endsWith(":1F90") && f[3].equals("01")).count();
	}

}
