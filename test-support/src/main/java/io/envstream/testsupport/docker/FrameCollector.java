package io.envstream.testsupport.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

/** Collects the frames of an exec or a log read; bytes are decoded at the end, so UTF-8 survives frame cuts. */
final class FrameCollector extends ResultCallback.Adapter<Frame> {

	private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
	private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
	private final ByteArrayOutputStream all = new ByteArrayOutputStream();

	@Override
	public synchronized void onNext(Frame frame) {
		byte[] payload = frame.getPayload();
		(frame.getStreamType() == StreamType.STDERR ? stderr : stdout).writeBytes(payload);
		all.writeBytes(payload);
	}

	void await(Duration timeout) {
		try {
			if (!awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Docker did not finish within " + timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for Docker", ex);
		}
	}

	synchronized String stdout() {
		return stdout.toString(StandardCharsets.UTF_8);
	}

	synchronized String stderr() {
		return stderr.toString(StandardCharsets.UTF_8);
	}

	synchronized String all() {
		return all.toString(StandardCharsets.UTF_8);
	}

}
