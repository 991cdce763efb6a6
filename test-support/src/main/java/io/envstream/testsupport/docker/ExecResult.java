package io.envstream.testsupport.docker;

/** What a command run with {@link DemoContainer#exec(String...)} exited with and printed. */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
