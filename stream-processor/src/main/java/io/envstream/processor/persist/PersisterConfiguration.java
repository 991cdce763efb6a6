package io.envstream.processor.persist;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.envstream.processor.ProcessorProperties;
import io.envstream.processor.ProcessorProperties.PersisterSettings;
import io.envstream.schemas.topics.ConsumerGroups;
import io.envstream.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The persister: batch listeners on envstream.logs, envstream.environments and envstream.status that read only
 * committed records, write to PostgreSQL and retry a failed write with backoff, never skipping it; and the
 * partition maintenance.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "envstream.processor.persister.enabled", matchIfMissing = true)
@EnableScheduling
class PersisterConfiguration {

	/** Consumer group of the log writer; its committed offsets say what is in PostgreSQL. */
	static final String LOGS_GROUP = ConsumerGroups.PERSISTER;

	static final String ENVIRONMENTS_GROUP = "envstream-persister-environments";

	/**
	 * What the broker waits for, up to the fetch wait, before it answers the log writer's fetch. Each poll is a
	 * database transaction (with an activity upsert per environment and minute in it), and without a minimum every
	 * processor commit woke a fetch that stored only that commit's batches.
	 */
	static final int LOGS_FETCH_MIN_BYTES = 1024 * 1024;

	/** Consumer group of the restart counter on envstream.status. */
	static final String LIFECYCLE_GROUP = "envstream-persister-lifecycle";

	@Bean
	PersisterMetrics persisterMetrics(MeterRegistry registry) {
		return new PersisterMetrics(registry);
	}

	@Bean(destroyMethod = "close")
	Producer<String, byte[]> deadLetterProducer(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "envstream-persister-dead-letters");
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	@Bean
	DeadLetterPublisher deadLetterPublisher(Producer<String, byte[]> deadLetterProducer) {
		return new DeadLetterPublisher(deadLetterProducer);
	}

	@Bean
	ConcurrentMessageListenerContainer<String, byte[]> logEntriesListenerContainer(KafkaProperties kafka,
			ProcessorProperties properties, MeterRegistry registry, DataSource dataSource,
			DeadLetterPublisher deadLetters, PersisterMetrics metrics) {
		LogBatchListener listener = new LogBatchListener(new LogEntryWriter(dataSource), deadLetters, metrics);
		ConcurrentMessageListenerContainer<String, byte[]> container = container(kafka, properties.persister(),
				registry, Topics.LOGS.name(), LOGS_GROUP, listener, logsFetch(properties.persister().fetchWait()));
		container.setConcurrency(properties.persister().concurrency());
		return container;
	}

	@Bean
	ConcurrentMessageListenerContainer<String, byte[]> environmentsListenerContainer(KafkaProperties kafka,
			ProcessorProperties properties, MeterRegistry registry, JdbcTemplate jdbc, TransactionTemplate transaction,
			DeadLetterPublisher deadLetters, PersisterMetrics metrics) {
		EnvironmentListener listener = new EnvironmentListener(new EnvironmentWriter(jdbc, transaction), deadLetters,
				metrics);
		return container(kafka, properties.persister(), registry, Topics.ENVIRONMENTS.name(), ENVIRONMENTS_GROUP,
				listener);
	}

	@Bean
	ConcurrentMessageListenerContainer<String, byte[]> lifecycleListenerContainer(KafkaProperties kafka,
			ProcessorProperties properties, MeterRegistry registry, JdbcTemplate jdbc, TransactionTemplate transaction,
			PersisterMetrics metrics) {
		LifecycleListener listener = new LifecycleListener(new LifecycleWriter(jdbc, transaction), metrics);
		return container(kafka, properties.persister(), registry, Topics.STATUS.name(), LIFECYCLE_GROUP, listener);
	}

	@Bean
	PartitionMaintenance partitionMaintenance(JdbcTemplate jdbc, TransactionTemplate transaction,
			ProcessorProperties properties) {
		return new PartitionMaintenance(jdbc, transaction, Clock.systemUTC(), properties.retention(),
				properties.persister().partitionsAhead());
	}

	@Bean
	SchedulingConfigurer partitionMaintenanceSchedule(PartitionMaintenance maintenance,
			ProcessorProperties properties) {
		return (registrar) -> registrar.addFixedDelayTask(new FixedDelayTask(maintenance::runSafely,
				properties.persister().maintenanceInterval(), Duration.ZERO));
	}

	/**
	 * The log writer's fetch settings: at least {@link #LOGS_FETCH_MIN_BYTES}, or whatever is there after
	 * {@code fetchWait}. A wait of 0 sets none: a minimum with no time to reach it would have the broker answer every
	 * fetch at once, most of them empty, and the consumer ask again at once.
	 */
	static Map<String, Object> logsFetch(Duration fetchWait) {
		return fetchWait.isZero() ? Map.of()
				: Map.of(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, LOGS_FETCH_MIN_BYTES,
						ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchWait.toMillis());
	}

	private static ConcurrentMessageListenerContainer<String, byte[]> container(KafkaProperties kafka,
			PersisterSettings settings, MeterRegistry registry, String topic, String group,
			BatchMessageListener<String, byte[]> listener) {
		return container(kafka, settings, registry, topic, group, listener, Map.of());
	}

	private static ConcurrentMessageListenerContainer<String, byte[]> container(KafkaProperties kafka,
			PersisterSettings settings, MeterRegistry registry, String topic, String group,
			BatchMessageListener<String, byte[]> listener, Map<String, Object> consumerSettings) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.putAll(consumerSettings);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		// a batch is visible only once the processor's transaction commits, never an aborted one
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config,
				new StringDeserializer(), new ByteArrayDeserializer());
		consumers.addListener(new MicrometerConsumerListener<>(registry));
		ContainerProperties containerProperties = new ContainerProperties(topic);
		containerProperties.setMessageListener(listener);
		containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
		ConcurrentMessageListenerContainer<String, byte[]> container = new ConcurrentMessageListenerContainer<>(
				consumers, containerProperties);
		container.setCommonErrorHandler(new DefaultErrorHandler(retryForever(settings)));
		return container;
	}

	/** Doubles the wait up to the maximum and never gives up: a record is never skipped for a database fault. */
	private static ExponentialBackOff retryForever(PersisterSettings settings) {
		ExponentialBackOff backOff = new ExponentialBackOff(settings.retryInitialInterval().toMillis(), 2.0);
		backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(Long.MAX_VALUE);
		return backOff;
	}

}
