package io.envstream.collector.logs;

/**
 * Where a record ends in a container's {@code json-file} log: the file's identity (which it keeps
 * across the engine's renames) and the byte offset after the record's newline. A hint for the next
 * read to start near it; the {@link ReadPosition} still decides what was shipped.
 * @param fileKey the file system's key of the file (device and inode)
 * @param offset the byte offset just after the record
 */
public record FilePosition(String fileKey, long offset) {

}
