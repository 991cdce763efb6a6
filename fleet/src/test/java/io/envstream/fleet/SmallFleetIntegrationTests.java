package io.envstream.fleet;

/**
 * The part of the fleet in every build ({@code mvn verify}): the small compose fleet
 * ({@code up.sh --small}: 1 Kafka broker, PostgreSQL, 1 stream-processor, 1 gateway behind the load
 * balancer, the issuer) with the full fleet's 3 Docker hosts, each its own engine with its own
 * collector and host id. A line of every host, history and live, must reach a WebSocket client
 * through the load balancer (the parent class). The full fleet is {@link FleetIntegrationTests}.
 */
class SmallFleetIntegrationTests extends FleetThroughTheLoadBalancer {

	@Override
	Fleet.Size size() {
		return Fleet.Size.SMALL;
	}

}
