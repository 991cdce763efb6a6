package io.envstream.schemas.serde;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.envstream.schemas.avro.Alert;
import io.envstream.schemas.avro.Checkpoint;
import io.envstream.schemas.avro.ContainerMetrics;
import io.envstream.schemas.avro.EnvironmentClaim;
import io.envstream.schemas.avro.EnvironmentDescriptor;
import io.envstream.schemas.avro.EnvironmentStatus;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.avro.LogEvent;
import io.envstream.schemas.avro.LogEventBatch;
import io.envstream.schemas.avro.TerminalSession;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Fingerprints of every contract record (current and historical versions), used only to say
 * which record a payload really holds when a serde meets a fingerprint it does not expect.
 */
final class KnownSchemas {

	private static final List<Schema> CONTRACTS = List.of(LogEventBatch.getClassSchema(), LogEvent.getClassSchema(),
			LogBatch.getClassSchema(), EnvironmentStatus.getClassSchema(), ContainerMetrics.getClassSchema(),
			EnvironmentDescriptor.getClassSchema(), Checkpoint.getClassSchema(),
			TerminalSession.getClassSchema(), EnvironmentClaim.getClassSchema(), Alert.getClassSchema());

	private KnownSchemas() {
	}

	static Optional<String> recordNameOf(long fingerprint) {
		return Optional.ofNullable(Holder.NAMES.get(fingerprint));
	}

	static long fingerprint(Schema schema) {
		return SchemaNormalization.parsingFingerprint64(schema);
	}

	private static final class Holder {

		static final Map<Long, String> NAMES = load();

		private static Map<Long, String> load() {
			Map<Long, String> names = new HashMap<>();
			for (Schema current : CONTRACTS) {
				names.put(fingerprint(current), current.getName());
				SchemaHistory.versions(current.getName())
					.forEach((version) -> names.put(fingerprint(version), current.getName()));
			}
			return Map.copyOf(names);
		}

	}

}
