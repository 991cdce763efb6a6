package io.envstream.gateway.claims;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Publishes an admin's move to {@code envstream.environments.claims}, where the stream processor learns it. The
 * gateway is the only writer of that topic: collectors must not be allowed to write it (see the ACL set in
 * docs/architecture.md), or a host could move any environment to itself.
 */
@Component
class ClaimPublisher implements DisposableBean {

	private static final long SEND_TIMEOUT_SECONDS = 10;

	private final Producer<String, EnvironmentClaim> producer;

	ClaimPublisher(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "envstream-gateway-claims");
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TimeUnit.SECONDS.toMillis(SEND_TIMEOUT_SECONDS));
		this.producer = new KafkaProducer<>(config, Topics.CLAIMS.keySerde().serializer(),
				Topics.CLAIMS.valueSerde().serializer());
	}

	/** Sends the claim and waits until the broker has it; throws if it could not. */
	void publish(EnvironmentClaim claim) throws ExecutionException, TimeoutException, InterruptedException {
		this.producer.send(new ProducerRecord<>(Topics.CLAIMS.name(), claim.getEnvId(), claim))
			.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	public void destroy() {
		this.producer.close();
	}

}
