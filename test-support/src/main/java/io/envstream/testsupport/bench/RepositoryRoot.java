package io.envstream.testsupport.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository a benchmark runs in, whichever module directory Maven started it from. */
public final class RepositoryRoot {

	private RepositoryRoot() {
	}

	public static Path find() {
		Path dir = Path.of("").toAbsolutePath();
		for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
			// .git is a file, not a directory, in a linked worktree
			if (Files.exists(candidate.resolve(".git")) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
				return candidate;
			}
		}
		throw new IllegalStateException("not inside the envstream repository: " + dir);
	}

	static String commit() {
		String commit = Machine.Commands.output("unknown", "git", "rev-parse", "--short=12", "HEAD");
		// the results a benchmark run writes are no change to the code it measured
		String changes = Machine.Commands.output("", "git", "status", "--porcelain", "--untracked-files=no", "--", ":/",
				":(top,exclude)docs/benchmarks", ":(top,exclude)docs/benchmarks.md");
		return changes.isEmpty() ? commit : commit + "-dirty";
	}

}
