package io.envstream.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The released versions of a record's schema, kept as classpath resources
 * {@code avro-history/<Record>/v1.avsc}, {@code v2.avsc}, … (each self-contained) so that records
 * written by older producers still decode. Versions are numbered without gaps.
 */
final class SchemaHistory {

	static final String ROOT = "avro-history/";

	private SchemaHistory() {
	}

	static List<Schema> versions(String recordName) {
		ClassLoader loader = SchemaHistory.class.getClassLoader();
		List<Schema> versions = new ArrayList<>();
		for (int version = 1;; version++) {
			String resource = resource(recordName, version);
			try (InputStream in = loader.getResourceAsStream(resource)) {
				if (in == null) {
					return List.copyOf(versions);
				}
				versions.add(new Schema.Parser().parse(in));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read schema history " + resource, ex);
			}
			catch (SchemaParseException ex) {
				throw new IllegalStateException("Invalid schema history " + resource + ": " + ex.getMessage(), ex);
			}
		}
	}

	static String resource(String recordName, int version) {
		return ROOT + recordName + "/v" + version + ".avsc";
	}

}
