package io.envstream.e2e.smoke;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import io.envstream.schemas.avro.Stream;

/** One line of a container's log as the engine returns it with {@code timestamps=true}. */
record DockerLogLine(String containerId, Stream stream, long timestampNanos, String message) {

	/** Every line the container has logged so far, in the order the engine sends them. */
	static List<DockerLogLine> readAll(DockerClient client, String containerId) throws InterruptedException {
		List<DockerLogLine> lines = new CopyOnWriteArrayList<>();
		ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
			@Override
			public void onNext(Frame frame) {
				lines.add(parse(containerId, frame));
			}
		};
		client.logContainerCmd(containerId)
			.withStdOut(true)
			.withStdErr(true)
			.withTimestamps(true)
			.exec(callback);
		if (!callback.awaitCompletion(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the engine did not finish sending the logs of " + containerId);
		}
		return List.copyOf(lines);
	}

	// A frame holds "<RFC 3339 nano timestamp> <line>\n"; the demo's lines are short, so one frame is one line.
	private static DockerLogLine parse(String containerId, Frame frame) {
		String text = new String(frame.getPayload(), StandardCharsets.UTF_8).stripTrailing();
		int space = text.indexOf(' ');
		Instant time = Instant.parse(text.substring(0, space));
		long nanos = time.getEpochSecond() * 1_000_000_000L + time.getNano();
		Stream stream = (frame.getStreamType() == StreamType.STDERR) ? Stream.STDERR : Stream.STDOUT;
		return new DockerLogLine(containerId, stream, nanos, text.substring(space + 1));
	}

}
