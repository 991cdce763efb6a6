package io.envstream.gateway.logs;

import java.util.List;

import io.envstream.gateway.GatewayProperties;
import io.envstream.schemas.avro.LogBatch;
import io.envstream.schemas.cursor.Cursor;
import io.envstream.schemas.serde.LogBatchSerde;
import io.envstream.schemas.serde.RecordDecodingException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The one way a line becomes something to send: {@code batch → lines → filter → frames}, with the
 * frame bounds ({@code max-batch-lines}, {@code max-message-size}) worked out once. The live
 * fan-out and the catch-up readers both go through it, so a line is decoded, filtered and
 * serialized the same way whichever source offers it.
 */
@Component
class LinePipeline {

	private static final Logger logger = LoggerFactory.getLogger(LinePipeline.class);

	private static final LogBatchSerde serde = new LogBatchSerde();

	private final int maxLines;

	private final int maxBytes;

	LinePipeline(GatewayProperties properties) {
		this.maxLines = properties.maxBatchLines();
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxMessageSize().toBytes());
	}

	/** The lines of a batch record strictly after {@code after}; none (and a warning) if it does not decode. */
	List<LogLine> lines(ConsumerRecord<String, byte[]> record, Cursor after) {
		LogBatch batch;
		try {
			batch = serde.deserialize(record.topic(), record.value());
		}
		catch (RecordDecodingException ex) {
			logger.warn("skipping undecodable batch at {}-{}@{}: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
			return List.of();
		}
		return Positions.lines(batch, record.partition(), record.offset(), after);
	}

	/** The lines the filter keeps, as frames (a skipped frame stands for the dropped tail). */
	List<Frame> frames(List<LogLine> lines, LineFilter filter) {
		return Positions.frames(lines, filter, this.maxLines, this.maxBytes);
	}

	/** History lines, already filtered by the query, as frames. */
	List<Frame> frames(List<LogLine> lines) {
		return FrameEncoder.batches(lines, this.maxLines, this.maxBytes);
	}

}
