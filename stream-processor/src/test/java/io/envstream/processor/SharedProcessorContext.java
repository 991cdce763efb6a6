package io.envstream.processor;

import java.nio.file.Path;

import io.envstream.testsupport.kafka.KafkaFixture;
import io.envstream.testsupport.postgres.PostgresFixture;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole stream-processor (topology and persister) started by its main method, against the JVM's shared
 * Kafka broker and PostgreSQL. Test classes extending this share one running application; each uses
 * environment ids of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS)
abstract class SharedProcessorContext {

	static final int PARTITIONS = 4;

	@DynamicPropertySource
	static void fixtures(DynamicPropertyRegistry registry) {
		PostgresFixture postgres = PostgresFixture.shared();
		registry.add("spring.datasource.url", postgres::jdbcUrl);
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
		registry.add("spring.kafka.bootstrap-servers", () -> KafkaFixture.shared().bootstrapServers());
		registry.add("spring.kafka.streams.state-dir", () -> Path.of(System.getProperty("java.io.tmpdir"),
				"envstream-processor-tests-" + ProcessHandle.current().pid()).toString());
		registry.add("envstream.processor.partitions", () -> PARTITIONS);
	}

}
