package io.envstream.fleet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The part of the fleet in every build ({@code mvn verify}): the small compose fleet
 * ({@code up.sh --small}: 1 Kafka broker, PostgreSQL, 1 stream-processor, 1 gateway behind the load
 * balancer, the issuer) with the full fleet's 3 Docker hosts, each its own engine with its own
 * collector and host id. A line of every host, history and live, must reach a WebSocket client
 * through the load balancer (the parent class). The full fleet is {@link FleetIntegrationTests}.
 *
 * <p>
 * Two faults of {@link FaultsFleetSuite} on the same fleet: the broker and the gateway killed (kill
 * -9) while every host writes numbered lines. With one of each here, the fleet is without it until
 * Docker restarts it (the services' {@code restart: unless-stopped}); the clients reconnect through
 * the load balancer and resume by cursor, and every line must reach PostgreSQL and every client
 * exactly once, in order.
 */
class SmallFleetIntegrationTests extends FleetThroughTheLoadBalancer {

	@Override
	Fleet.Size size() {
		return Fleet.Size.SMALL;
	}

	@ParameterizedTest
	@EnumSource(names = { "BROKER_KILL", "GATEWAY_KILL" })
	void everyLineReachesPostgresqlAndEveryClientExactlyOnceInOrderThrough(Fault fault) throws Exception {
		LinesThroughAFault.Outcome outcome = new LinesThroughAFault(this).run(fault);
		outcome.assertEveryLineExactlyOnceInOrder();
	}

}
