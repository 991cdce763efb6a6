package io.envstream.processor.persist;

import io.envstream.schemas.avro.LogBatch;

/**
 * A batch with where it sits in envstream.logs: line {@code i} of it has the position
 * ({@code partition}, {@code offset}, {@code i}).
 */
record PositionedBatch(int partition, long offset, LogBatch batch) {

}
