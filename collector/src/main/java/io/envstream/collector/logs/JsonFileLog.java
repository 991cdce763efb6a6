package io.envstream.collector.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one container's {@code json-file} log under the engine's data root:
 * {@code containers/<id>/<id>-json.log}, the one the engine writes, and the rotated ones,
 * {@code <id>-json.log.1} (the newest) to {@code .<max-file − 1>}, each possibly compressed to
 * {@code .gz}. A rotation renames {@code .n} to {@code .n+1} and the current file to {@code .1},
 * then creates a new current file; with {@code max-file=1} the engine truncates the file instead.
 */
final class JsonFileLog {

	/** A rename loop only spins while rotations keep happening under it, which they do not for long. */
	private static final int ATTEMPTS = 100;

	private final Path directory;

	private final Path current;

	private final Pattern rotatedName;

	JsonFileLog(Path containersDirectory, String containerId) {
		this.directory = containersDirectory.resolve(containerId);
		this.current = this.directory.resolve(containerId + "-json.log");
		this.rotatedName = Pattern.compile(Pattern.quote(containerId + "-json.log.") + "(\\d+)(\\.gz)?");
	}

	/** Whether the container's directory is there (the engine removes it with the container). */
	boolean exists() {
		return Files.isDirectory(this.directory);
	}

	/** The container's directory, where the engine writes and rotates the log's files. */
	Path directory() {
		return this.directory;
	}

	Path current() {
		return this.current;
	}

	/**
	 * Whether {@code position} is the end of the file the engine writes now: nothing was written after the record
	 * that ends there (the engine writes the newest records to that file, whatever it renamed).
	 */
	boolean endsAt(FilePosition position) throws IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(this.current, BasicFileAttributes.class);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		Object key = attributes.fileKey();
		return key != null && key.toString().equals(position.fileKey()) && attributes.size() == position.offset();
	}

	/** Opens the file the engine writes now; {@code null} when there is none (not started yet, or removed). */
	LogFileSegment openCurrent() throws IOException {
		return LogFileSegment.open(this.current);
	}

	/**
	 * Opens every file of the log, oldest first. The current file is opened first: a rotation
	 * while the others are listed then moves it among them, where it is recognised by its identity
	 * and read once, in its place.
	 */
	List<LogFileSegment> openAll() throws IOException {
		LogFileSegment live = openCurrent();
		List<LogFileSegment> segments = new ArrayList<>();
		for (Path path : rotated().values()) {
			LogFileSegment segment = LogFileSegment.open(path);
			if (segment == null) {
				continue;
			}
			if (live != null && live.sameFileAs(segment.key())) {
				live.close();
				live = null;
			}
			segments.add(segment);
		}
		if (live != null) {
			segments.add(live);
		}
		return segments;
	}

	/**
	 * Opens the file the engine wrote after the one with {@code key}, which it renamed since.
	 * @return the next file; {@code null} when the file with {@code key} is not among the plain
	 * rotated files any more (compressed or deleted), or when its successor is gone too
	 */
	LogFileSegment openSuccessor(Object key) throws IOException {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int index = indexOf(key);
			if (index == 0) {
				return null;
			}
			LogFileSegment next = LogFileSegment.open((index == 1) ? this.current : rotatedPath(index - 1));
			// a rotation between the listing and the opening shifts every name: try again
			if (indexOf(key) == index) {
				return next;
			}
			if (next != null) {
				next.close();
			}
		}
		throw new IOException("the json-file log " + this.current + " kept rotating while its next file was looked for");
	}

	/** The number {@code n} of the plain rotated file {@code .n} with this identity, or 0. */
	private int indexOf(Object key) throws IOException {
		for (Map.Entry<Integer, Path> rotated : rotated().entrySet()) {
			if (!rotated.getValue().getFileName().toString().endsWith(".gz") && key.equals(keyOf(rotated.getValue()))) {
				return rotated.getKey();
			}
		}
		return 0;
	}

	/** The rotated files by their number, oldest (highest number) first. */
	private Map<Integer, Path> rotated() throws IOException {
		Map<Integer, Path> rotated = new TreeMap<>(Comparator.reverseOrder());
		try (Stream<Path> files = Files.list(this.directory)) {
			files.forEach((path) -> {
				Matcher name = this.rotatedName.matcher(path.getFileName().toString());
				if (name.matches()) {
					// while the engine compresses .n, both .n and a growing .n.gz exist: the plain one is whole
					rotated.merge(Integer.parseInt(name.group(1)), path,
							(one, other) -> (name.group(2) != null) ? one : path);
				}
			});
		}
		catch (NoSuchFileException ex) {
			// the container was removed: nothing rotated is left
		}
		return rotated;
	}

	private Path rotatedPath(int index) {
		return this.current.resolveSibling(this.current.getFileName() + "." + index);
	}

	/** The identity of the file at {@code path} now, or {@code null} when there is none. */
	static Object keyOf(Path path) throws IOException {
		try {
			return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

}
