package io.envstream.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The terminal of a process whose stdin and stdout are pipes, as under a test or in {@code envstream logs | grep}:
 * no raw mode, no colours on auto. Its size can be set and a window change or a Ctrl-C fired, as the signals would.
 */
public final class TestConsole implements Console {

	private final List<Runnable> resizes = new CopyOnWriteArrayList<>();

	private final List<Runnable> interrupts = new CopyOnWriteArrayList<>();

	private volatile Size size;

	public TestConsole(Size size) {
		this.size = size;
	}

	@Override
	public boolean stdoutIsTerminal() {
		return false;
	}

	@Override
	public boolean stdinIsTerminal() {
		return false;
	}

	@Override
	public Optional<Size> size() {
		return Optional.ofNullable(this.size);
	}

	@Override
	public AutoCloseable rawMode() {
		throw new IllegalStateException("stdin is a pipe: no raw mode");
	}

	@Override
	public void onResize(Runnable action) {
		this.resizes.add(action);
	}

	@Override
	public void onInterrupt(Runnable action) {
		this.interrupts.add(action);
	}

	/** The window becomes {@code size}: SIGWINCH. */
	public void resize(Size size) {
		this.size = size;
		this.resizes.forEach(Runnable::run);
	}

	/** Ctrl-C: SIGINT. */
	public void interrupt() {
		this.interrupts.forEach(Runnable::run);
	}

}
