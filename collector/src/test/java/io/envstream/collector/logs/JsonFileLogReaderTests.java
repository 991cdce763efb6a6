package io.envstream.collector.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class JsonFileLogReaderTests {

	private static final String ID = "c0ffee";

	private static final long T = 1_700_000_000L * 1_000_000_000L;

	@TempDir
	Path root;

	private final DirectoryWatch watch = new DirectoryWatch();

	private final ExecutorService following = Executors.newSingleThreadExecutor();

	@AfterEach
	void closeTheWatch() throws IOException {
		this.following.shutdownNow();
		this.watch.close();
	}

	private Path current() {
		return this.root.resolve("containers").resolve(ID).resolve(ID + "-json.log");
	}

	private Path rotated(String suffix) {
		return current().resolveSibling(ID + "-json.log." + suffix);
	}

	@Test
	void readsTheRotatedFilesOldestFirstThenTheCurrentOneIncludingACompressedOne() throws IOException {
		// given max-file=4 with compress=true: .3 and .2 compressed, .1 not yet
		writeCompressed(rotated("3.gz"), "a");
		writeCompressed(rotated("2.gz"), "b");
		append(rotated("1"), "c", "d");
		append(current(), "e");

		// when the whole log is read
		try (LogReader reader = reader(0, false, () -> false)) {
			// then
			assertThat(readAll(reader)).containsExactly("a", "b", "c", "d", "e");
		}
	}

	@Test
	void skipsRecordsStampedBeforeTheSecondAskedFor() throws IOException {
		append(current(), "a", "b", "c");

		try (LogReader reader = new JsonFileLogSource(this.root, (id) -> ContainerState.STOPPED, new TakeSchedule()).open(ID, false,
				new ReadPosition(T + 1_000_000_000L, 1), null, false)) {
			assertThat(readAll(reader)).containsExactly("b", "c");
		}
	}

	@Test
	void readsTheRenamedFileToItsEndBeforeTheNextOneThroughSeveralRotations() throws IOException {
		// given a followed log whose first line was read
		append(current(), "a1");
		try (LogReader reader = reader(0, true, () -> false)) {
			assertThat(text(reader.next())).isEqualTo("a1");

			// when the engine writes on, rotates twice (a2's file ends up as .2) and writes the new file
			append(current(), "a2");
			Files.move(current(), rotated("1"));
			append(rotated("1"), "a3"); // a write that landed in the file as it was renamed
			append(current(), "b1");
			Files.move(rotated("1"), rotated("2"));
			Files.move(current(), rotated("1"));
			append(current(), "c1", "c2");

			// then every line comes once, in order, and the log ends once the container stopped
			assertThat(readAll(reader)).containsExactly("a2", "a3", "b1", "c1", "c2");
		}
	}

	@Test
	void linesWrittenToAFileAfterItsEndWasReadAndBeforeItWasRenamedAreReadBeforeTheNextFile() throws IOException {
		// given a chain that read the file the engine writes to its end
		append(current(), "a1");
		try (LogFileChain chain = LogFileChain.open(new JsonFileLog(this.root.resolve("containers"), ID), 0, null)) {
			LogFileSegment first = chain.current();
			assertThat(readToEnd(first)).containsExactly("a1");

			// when the engine writes on before the reader asks for the next file, then rotates (a reader
			// descheduled between its look at the end and its question)
			append(current(), "a2", "a3");
			Files.move(current(), rotated("1"));
			append(current(), "b1");

			// then the renamed file's tail is read first, and the next file after it
			assertThat(chain.advance()).isEqualTo(LogFileChain.Advance.MORE_IN_THIS_FILE);
			assertThat(chain.current()).isSameAs(first);
			assertThat(readToEnd(first)).containsExactly("a2", "a3");
			assertThat(chain.advance()).isEqualTo(LogFileChain.Advance.NEXT_FILE);
			assertThat(readToEnd(chain.current())).containsExactly("b1");
			assertThat(chain.advance()).isEqualTo(LogFileChain.Advance.NOTHING_NEW);
		}
	}

	@Test
	void readsAFileCutToNothingFromItsStart() throws IOException {
		// given max-file=1: the engine truncates its only file in place
		append(current(), "a1", "a2");
		try (LogReader reader = reader(0, true, () -> false)) {
			assertThat(text(reader.next())).isEqualTo("a1");
			assertThat(text(reader.next())).isEqualTo("a2");

			// when it is cut and written again
			try (FileChannel channel = FileChannel.open(current(), StandardOpenOption.WRITE)) {
				channel.truncate(0);
			}
			append(current(), "b");

			// then the new line is read
			assertThat(readAll(reader)).containsExactly("b");
		}
	}

	@Test
	void anIdleFollowAsksWhetherTheContainerRunsLessAndLessOftenAndAgainSoonAfterGrowth() throws IOException {
		// given a log with one record, and a container that runs for three questions (the first after new growth)
		append(current(), "first");
		List<Long> asked = new ArrayList<>();
		BooleanSupplier running = () -> {
			asked.add(System.nanoTime());
			if (asked.size() == 1) {
				append(current(), "grown");
			}
			return asked.size() < 4;
		};

		// when it is followed to its end
		long started = System.nanoTime();
		try (LogReader reader = reader(0, true, running)) {
			assertThat(readAll(reader)).containsExactly("first", "grown");
		}

		// then the growth set the wait back to a second, and it doubled from there: after 1 s, 1 s, 2 s and 4 s of
		// polls and waits on the directory's watch (nothing changed in it to end one early), not 1 s each
		assertThat(asked).hasSize(4);
		assertThat(asked.get(3) - started).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1 + 1 + 2 + 4));
	}

	@Test
	void aQuietLogIsReadAsSoonAsItsDirectoryChangesNotAtTheNextLookOrQuestion() throws Exception {
		// given a log quiet for long enough that its reader asked twice whether the container runs, and now waits on
		// the directory's watch until it asks again (4 s later), without looking at the file meanwhile
		append(current(), "first");
		try (Follow follow = new Follow()) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> follow.asked.size() == 2 && this.watch.registrations() == 1 && follow.read.size() == 1);

			// when the engine writes a line
			append(current(), "after quiet seconds");

			// then it is read before the reader asks again: the watch woke it, and told of the write
			await().atMost(Duration.ofSeconds(20)).until(() -> follow.read.size() == 2);
			assertThat(follow.asked).hasSize(2);
			assertThat(this.watch.delivers()).isTrue();
			// and a log that grows is no longer watched: the engine's every line would wake the watch
			assertThat(this.watch.registrations()).isZero();
			assertThat(follow.read).containsExactly("first", "after quiet seconds");
		}
	}

	@Test
	void aQuietFollowAsksWhetherTheContainerRunsAsSoonAsTheEngineSaysItChanged() throws Exception {
		// given a log quiet for long enough that its reader asked three times, and now waits on the directory's watch
		// until it asks again, 8 s after the third
		append(current(), "first");
		try (Follow follow = new Follow()) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> follow.asked.size() == 3 && this.watch.registrations() == 1 && follow.read.size() == 1);

			// when the engine says the container stopped (its die event)
			follow.reader.containerChanged();

			// then the reader asks before that wait ends
			await().atMost(Duration.ofSeconds(20)).until(() -> follow.asked.size() == 4);
			assertThat(follow.asked.get(3) - follow.asked.get(2)).isLessThan(TimeUnit.SECONDS.toNanos(8));
		}
	}

	@Test
	void closingTheReaderOfAQuietLogEndsItsWaitOnTheWatchAtOnce() throws Exception {
		// given a reader waiting on its quiet log's watch (after its first question, 2 s before the next)
		append(current(), "first");
		List<Long> asked = new CopyOnWriteArrayList<>();
		LogReader reader = reader(0, true, () -> asked.add(System.nanoTime()));
		Future<Exception> follow = this.following.submit(() -> {
			try {
				readInto(reader, new ArrayList<>());
				return null;
			}
			catch (IOException ex) {
				return ex;
			}
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> asked.size() == 1 && this.watch.registrations() == 1);

		// when it is closed
		reader.close();

		// then its read ends as closed, and it did not wait for its next question to notice
		assertThat(follow.get(30, TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
		assertThat(asked).hasSize(1);
		assertThat(this.watch.registrations()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "silent", "refusing" })
	void whereTheWatchDoesNotWorkAQuietLogIsLookedAtOnATimer(String watch) throws Exception {
		// given a watch a reader found silent (a file system that sends no notifications) or one that refuses the
		// log's directory (here: closed; inotify's limit of watches reached), and a log quiet for a second (its first
		// question asked, the next 2 s later)
		if (watch.equals("silent")) {
			this.watch.missed();
		}
		else {
			this.watch.close();
		}
		append(current(), "first");
		try (Follow follow = new Follow()) {
			await().atMost(Duration.ofSeconds(20)).until(() -> follow.asked.size() == 1 && follow.read.size() == 1);

			// when the engine writes a line
			append(current(), "after a quiet second");

			// then a look on the timer reads it before the next question, without the watch
			await().atMost(Duration.ofSeconds(20)).until(() -> follow.read.size() == 2);
			assertThat(follow.asked).hasSize(1);
			assertThat(this.watch.registrations()).isZero();
		}
	}

	@Test
	void looksAtABusyFileShortlyBeforeTheLinesAreNextTakenAndAtAQuietOneLessOften() {
		TakeSchedule takes = new TakeSchedule();
		// the next take not known (passed): every 10 ms while the file grows, every 50 ms after a quiet second
		assertThat(JsonFileLogReader.pollMillis(0, takes)).isEqualTo(JsonFileLogReader.POLL_MILLIS);
		assertThat(JsonFileLogReader.pollMillis(990, takes)).isEqualTo(10);
		assertThat(JsonFileLogReader.pollMillis(1_000, takes)).isEqualTo(JsonFileLogReader.QUIET_POLL_MILLIS);
		assertThat(JsonFileLogReader.pollMillis(60_000, takes)).isEqualTo(50);

		// the next take 80 ms away: a busy file is looked at once, 10 ms before it; a quiet one on its own timer
		takes.nextAt(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(80));
		assertThat(JsonFileLogReader.pollMillis(0, takes)).isBetween(60L, 70L);
		assertThat(JsonFileLogReader.pollMillis(1_000, takes)).isEqualTo(JsonFileLogReader.QUIET_POLL_MILLIS);

		// within the lead before it: looked at on the timer, as the take itself may be under way
		takes.nextAt(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
		assertThat(JsonFileLogReader.pollMillis(0, takes)).isEqualTo(JsonFileLogReader.POLL_MILLIS);
	}

	@Test
	void keepsAHalfWrittenRecordUntilItsNewlineArrives() throws IOException {
		// given a record the engine has half written
		String whole = json("split across writes", 0);
		int half = whole.length() / 2;
		appendRaw(current(), whole.substring(0, half));
		List<Integer> checks = new ArrayList<>();
		BooleanSupplier running = () -> {
			// asked once the reader found nothing more to read: the rest of the record arrives now
			checks.add(1);
			if (checks.size() == 1) {
				appendRaw(current(), whole.substring(half));
				return true;
			}
			return false;
		};

		// when it is read
		try (LogReader reader = reader(0, true, running)) {
			// then the record comes whole, once its newline is there
			assertThat(readAll(reader)).containsExactly("split across writes");
			assertThat(checks).hasSize(2);
		}
	}

	@Test
	void skipsALineThatIsNotARecordAndReadsOn() throws IOException {
		appendRaw(current(), "not json\n");
		append(current(), "after");

		try (LogReader reader = reader(0, false, () -> false)) {
			assertThat(readAll(reader)).containsExactly("after");
		}
	}

	@Test
	void startsInTheFileOfTheLastPositionWithoutReadingTheOlderFilesAndTellsEachRecordsPosition() throws IOException {
		// given an older file that can no longer be read whole, and the file a checkpoint's record (d) ends in
		writeCompressed(rotated("2.gz"), "a", "b");
		Path gz = rotated("2.gz");
		Files.write(gz, Arrays.copyOf(Files.readAllBytes(gz), (int) Files.size(gz) - 12));
		append(rotated("1"), "c", "c2", "d");
		long afterD = Files.size(rotated("1"));
		append(rotated("1"), "e");
		append(current(), "f");
		String key = Files.readAttributes(rotated("1"), BasicFileAttributes.class).fileKey().toString();
		long secondOfD = (T / 1_000_000_000L) + 4;

		// when a read since d's second starts near d
		try (LogReader reader = new JsonFileLogReader(new JsonFileLog(this.root.resolve("containers"), ID), false,
				secondOfD * 1_000_000_000L, new FilePosition(key, afterD), false, () -> false, this.watch, new TakeSchedule())) {
			// then it returns what a read from the start would, without the unreadable file
			LogRecord d = reader.next();
			assertThat(text(d)).isEqualTo("d");
			assertThat(d.file()).isEqualTo(new FilePosition(key, afterD));
			assertThat(readAll(reader)).containsExactly("e", "f");
		}
		try (LogReader fromTheStart = reader(secondOfD, false, () -> false)) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> readAll(fromTheStart));
		}
	}

	@Test
	void readsFromTheOldestFileWhenTheLastPositionsFileIsGone() throws IOException {
		append(rotated("1"), "a", "b");
		append(current(), "c");

		try (LogReader reader = new JsonFileLogReader(new JsonFileLog(this.root.resolve("containers"), ID), false,
				0, new FilePosition("(dev=1,ino=1)", 10), false, () -> false, this.watch, new TakeSchedule())) {
			assertThat(readAll(reader)).containsExactly("a", "b", "c");
		}
	}

	@Test
	void readsAStoppedContainersLogAgainOnlyOnceItGrewAfterTheLastRecordRead() throws IOException {
		// given a stopped container's log read to its end
		append(current(), "a", "b");
		JsonFileLogSource source = new JsonFileLogSource(this.root, (id) -> ContainerState.STOPPED, new TakeSchedule());
		LogRecord last;
		try (LogReader reader = source.open(ID, false, ReadPosition.START, null, false)) {
			assertThat(text(reader.next())).isEqualTo("a");
			last = reader.next();
		}
		ReadPosition atB = new ReadPosition(last.timestampNanos(), 1);

		// when it is read again from that record's second, near where it ended, then nothing is read again
		try (LogReader again = source.open(ID, false, atB, last.file(), false)) {
			assertThat(again.next()).isNull();
		}
		// and once the log grew, the read returns that second's records on, as a read from the start would
		append(current(), "c");
		try (LogReader grown = source.open(ID, false, atB, last.file(), false)) {
			assertThat(readAll(grown)).containsExactly("b", "c");
		}
	}

	@Test
	void saysTheContainerIsGoneWhenItsDirectoryIs() {
		JsonFileLogSource source = new JsonFileLogSource(this.root, (id) -> ContainerState.GONE, new TakeSchedule());

		assertThatExceptionOfType(ContainerGoneException.class)
			.isThrownBy(() -> source.open("removed", false, ReadPosition.START, null, true));
	}

	private LogReader reader(long sinceEpochSeconds, boolean follow, BooleanSupplier running) throws IOException {
		return new JsonFileLogReader(new JsonFileLog(this.root.resolve("containers"), ID), false,
				sinceEpochSeconds * 1_000_000_000L, null, follow, running, this.watch, new TakeSchedule());
	}

	/**
	 * A follow of the log on a thread of its own, while the container runs: the lines it read, and when it asked
	 * whether the container runs. Closing it says the container stopped, tells the reader as the engine's die event
	 * would, and waits for the follow to end.
	 */
	private final class Follow implements AutoCloseable {

		final List<Long> asked = new CopyOnWriteArrayList<>();

		final List<String> read = new CopyOnWriteArrayList<>();

		private final AtomicBoolean runs = new AtomicBoolean(true);

		final LogReader reader;

		private final Future<Void> following;

		Follow() throws IOException {
			this.reader = reader(0, true, () -> this.asked.add(System.nanoTime()) && this.runs.get());
			this.following = JsonFileLogReaderTests.this.following.submit(() -> readInto(this.reader, this.read));
		}

		@Override
		public void close() throws Exception {
			this.runs.set(false);
			this.reader.containerChanged();
			try {
				this.following.get(30, TimeUnit.SECONDS);
			}
			finally {
				this.reader.close();
			}
		}

	}

	/** The lines of the records from the segment's position to its end. */
	private static List<String> readToEnd(LogFileSegment segment) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		int read;
		while ((read = segment.read(buffer, 0, buffer.length)) > 0) {
			bytes.write(buffer, 0, read);
		}
		byte[] records = bytes.toByteArray();
		List<String> texts = new ArrayList<>();
		for (int from = 0, newline; (newline = indexOf(records, (byte) '\n', from)) >= 0; from = newline + 1) {
			texts.add(text(JsonFileRecords.parse(records, from, newline, false, null)));
		}
		return texts;
	}

	private static int indexOf(byte[] bytes, byte wanted, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

	private static Void readInto(LogReader reader, List<String> texts) throws IOException {
		LogRecord record;
		while ((record = reader.next()) != null) {
			texts.add(text(record));
		}
		return null;
	}

	private static List<String> readAll(LogReader reader) throws IOException {
		List<String> texts = new ArrayList<>();
		readInto(reader, texts);
		return texts;
	}

	private static String text(LogRecord record) {
		return LogBytes.text(record);
	}

	private int written;

	/** Appends records, stamped one second apart in the order written. */
	private void append(Path file, String... lines) {
		StringBuilder json = new StringBuilder();
		for (String line : lines) {
			json.append(json(line, this.written++));
		}
		appendRaw(file, json.toString());
	}

	private static String json(String line, int second) {
		return "{\"log\":\"" + line + "\\n\",\"stream\":\"stdout\",\"time\":\""
				+ Instant.ofEpochSecond(0, T).plusSeconds(second) + "\"}\n";
	}

	private static void appendRaw(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void writeCompressed(Path file, String... lines) throws IOException {
		Path plain = file.resolveSibling("plain");
		append(plain, lines);
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			Files.copy(plain, out);
		}
		Files.delete(plain);
	}

}
