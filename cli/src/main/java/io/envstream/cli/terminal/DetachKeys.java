package io.envstream.cli.terminal;

import io.envstream.cli.CliException;
import io.envstream.cli.Exit;

/**
 * The key sequence that detaches from a terminal, written as docker writes it: {@code ctrl-p,ctrl-q} (the default),
 * {@code ctrl-\}, {@code ctrl-a,d}. Keys of the sequence are held back until it completes or breaks, then sent.
 */
final class DetachKeys {

	static final String DEFAULT = "ctrl-p,ctrl-q";

	private final String keys;

	private int matched;

	private DetachKeys(String keys) {
		this.keys = keys;
	}

	/** @throws CliException (usage) naming the key that cannot be read */
	static DetachKeys parse(String text) {
		StringBuilder keys = new StringBuilder();
		for (String key : text.split(",")) {
			String name = key.strip().toLowerCase(java.util.Locale.ROOT);
			if (name.startsWith("ctrl-") && name.length() == 6 && "abcdefghijklmnopqrstuvwxyz@[\\]^_".indexOf(name.charAt(5)) >= 0) {
				keys.append((char) (Character.toUpperCase(name.charAt(5)) - 64));
			}
			else if (key.strip().length() == 1) {
				keys.append(key.strip().charAt(0));
			}
			else {
				throw new CliException(Exit.USAGE, "--detach-keys: " + key + " is neither ctrl-<letter or @[\\]^_> nor one character");
			}
		}
		return new DetachKeys(keys.toString());
	}

	/** What reading {@code typed} means: the text to send on, and whether the sequence completed. */
	record Typed(String forward, boolean detach) {
	}

	Typed feed(CharSequence typed) {
		StringBuilder forward = new StringBuilder(typed.length());
		for (int i = 0; i < typed.length(); i++) {
			char key = typed.charAt(i);
			if (key == this.keys.charAt(this.matched)) {
				this.matched++;
				if (this.matched == this.keys.length()) {
					this.matched = 0;
					return new Typed(forward.toString(), true);
				}
				continue;
			}
			forward.append(this.keys, 0, this.matched);
			this.matched = 0;
			if (key == this.keys.charAt(0)) {
				if (this.keys.length() == 1) {
					return new Typed(forward.toString(), true);
				}
				this.matched = 1;
			}
			else {
				forward.append(key);
			}
		}
		return new Typed(forward.toString(), false);
	}

}
