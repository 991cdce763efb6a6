package io.envstream.fleet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The part of the fleet in every build ({@code mvn verify}): the small compose fleet
 * ({@code up.sh --small}: 1 Kafka broker, PostgreSQL, 1 stream-processor, 1 gateway behind the load
 * balancer, the issuer) with the full fleet's 3 Docker hosts, each its own engine with its own
 * collector and host id. A line of every host, history and live, must reach a WebSocket client
 * through the load balancer (the parent class). Then the representative faults of the fleet suite
 * ({@link FaultsFleetSuite}, the full fleet): kill -9 of the broker and of the gateway, each started
 * again at once (the small fleet has no second one), while every host writes numbered lines and
 * clients follow them through the load balancer; every line must reach PostgreSQL and every client
 * exactly once, in order. The full fleet is {@link FleetIntegrationTests}.
 */
class SmallFleetIntegrationTests extends FleetThroughTheLoadBalancer {

	@Override
	Fleet.Size size() {
		return Fleet.Size.SMALL;
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "BROKER_KILL", "GATEWAY_KILL" })
	void everyLineReachesPostgresqlAndEveryClientExactlyOnceInOrderThrough(Fault fault) throws Exception {
		new LinesThroughAFault(this).run(fault).assertEveryLineExactlyOnceInOrder();
	}

}
