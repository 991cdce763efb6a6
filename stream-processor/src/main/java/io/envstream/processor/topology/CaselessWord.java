package io.envstream.processor.topology;

/**
 * A search for one ASCII word in any mix of cases, as {@code String.regionMatches(true, ...)} compares, that scans
 * for one of the word's letters (its anchor, chosen rare in log text) with {@code String.indexOf}, an intrinsic
 * that compares many characters per instruction, and compares the whole word only where that letter stands.
 * Scanning for the first letter instead stopped at every {@code a} of a line looking for {@code authorization}:
 * the topology's costliest frame in the e2e profile.
 */
final class CaselessWord {

	private final String word;

	private final int anchor;

	/** Every character that {@code regionMatches(true, ...)} takes for the anchor letter (k: also the Kelvin sign). */
	private final char[] anchorForms;

	/**
	 * @param word the word, lower case ASCII
	 * @param anchor the index of the letter to scan for
	 */
	CaselessWord(String word, int anchor) {
		this.word = word;
		this.anchor = anchor;
		String letter = word.substring(anchor, anchor + 1);
		StringBuilder forms = new StringBuilder();
		for (char c = 0; c < Character.MAX_VALUE; c++) {
			if (String.valueOf(c).regionMatches(true, 0, letter, 0, 1)) {
				forms.append(c);
			}
		}
		this.anchorForms = forms.toString().toCharArray();
	}

	boolean in(String line) {
		int length = this.word.length();
		for (char form : this.anchorForms) {
			for (int at = line.indexOf(form, this.anchor); at >= 0; at = line.indexOf(form, at + 1)) {
				if (line.regionMatches(true, at - this.anchor, this.word, 0, length)) {
					return true;
				}
			}
		}
		return false;
	}

}
