import java.util.Date;
import java.util.Map;
import java.util.TreeMap;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.VirtualMachine;

/**
 * Prints, every second, how many requests of each Kafka API a running broker served in that second (its
 * {@code kafka.network:type=RequestMetrics,name=RequestsPerSec} meters), for reading where a broker's CPU goes
 * during a benchmark: every request costs its handling plus a handful of histogram updates, so the counts say more
 * than a short profile. Attaches to the broker's JVM on this machine (same user) and starts its local JMX agent.
 * <p>
 * {@code java infra/dev/BrokerRequestRates.java <pid> [seconds]}; the e2e suite's broker is the JVM whose main
 * class is {@code BrokerProcess} ({@code jps -l}).
 */
public class BrokerRequestRates {

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("usage: java infra/dev/BrokerRequestRates.java <broker pid> [seconds, default 600]");
			System.exit(2);
		}
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 600;
		VirtualMachine vm = VirtualMachine.attach(args[0]);
		String address = vm.startLocalManagementAgent();
		vm.detach();
		MBeanServerConnection broker = JMXConnectorFactory.connect(new JMXServiceURL(address))
			.getMBeanServerConnection();
		ObjectName meters = new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*");
		Map<String, Long> last = null;
		for (int second = 0; second <= seconds; second++) {
			Map<String, Long> counts = new TreeMap<>();
			for (ObjectName meter : broker.queryNames(meters, null)) {
				counts.merge(meter.getKeyProperty("request"), (Long) broker.getAttribute(meter, "Count"), Long::sum);
			}
			if (last != null) {
				StringBuilder line = new StringBuilder(String.format("%tT", new Date()));
				for (Map.Entry<String, Long> count : counts.entrySet()) {
					long served = count.getValue() - last.getOrDefault(count.getKey(), 0L);
					if (served > 0) {
						line.append(' ').append(count.getKey()).append('=').append(served);
					}
				}
				System.out.println(line);
			}
			last = counts;
			// the sampling period of a per-second rate, not a wait for a condition
			Thread.sleep(1000);
		}
	}

}
