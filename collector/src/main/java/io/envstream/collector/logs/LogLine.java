package io.envstream.collector.logs;

import io.envstream.schemas.avro.Stream;

/**
 * A whole line of a container, its pieces merged.
 * @param stream its stream
 * @param timestampNanos the timestamp of its first record
 * @param message the text; a cut line ends with the truncation marker
 * @param truncated whether it was cut to the maximum line length
 * @param bytes its length in the log, in bytes, before any cut
 * @param position where its last record sits: the checkpoint once it is shipped
 * @param file where its last record ends in its json-file log file, or {@code null} (read through the API)
 */
public record LogLine(Stream stream, long timestampNanos, String message, boolean truncated, long bytes,
		ReadPosition position, FilePosition file) {

}
