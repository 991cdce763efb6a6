package io.envstream.collector.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which environment containers a collector follows: those labelled {@code envstream.environment}
 * for which every term holds, a term being {@code key} (the label is present) or {@code key=value}
 * (the label has that value). Several collectors, or a benchmark beside other users, can so share
 * one engine without reading each other's containers.
 */
public final class LabelSelector {

	// a label key as Docker accepts it in a filter: no blank, no '=', no control character
	private static final Pattern KEY = Pattern.compile("[^\\s=\\p{Cntrl}]+");

	private final List<Term> terms;

	private LabelSelector(List<Term> terms) {
		this.terms = terms;
	}

	/**
	 * The selector of these terms (none: every environment container).
	 * @throws IllegalArgumentException naming the first malformed term
	 */
	public static LabelSelector of(List<String> terms) {
		List<Term> parsed = new ArrayList<>();
		for (String term : (terms != null) ? terms : List.<String>of()) {
			parsed.add(Term.parse(term));
		}
		return new LabelSelector(List.copyOf(parsed));
	}

	/** Whether a container with these labels is an environment container this selector takes. */
	public boolean matches(Map<String, String> labels) {
		return labels != null && labels.containsKey(EnvironmentLabels.ENVIRONMENT)
				&& this.terms.stream().allMatch((term) -> term.holdsFor(labels));
	}

	/** The engine's {@code label} filters (all must hold) for the same containers, for listings and events. */
	public List<String> engineFilters() {
		List<String> filters = new ArrayList<>();
		filters.add(EnvironmentLabels.ENVIRONMENT);
		this.terms.forEach((term) -> filters.add(term.toString()));
		return List.copyOf(filters);
	}

	@Override
	public String toString() {
		return String.join(",", engineFilters());
	}

	private record Term(String key, String value) {

		static Term parse(String term) {
			if (term == null || term.isBlank()) {
				throw malformed(term, "it is empty");
			}
			int equals = term.indexOf('=');
			String key = (equals < 0) ? term : term.substring(0, equals);
			if (!KEY.matcher(key).matches()) {
				throw malformed(term, "its key must be non-empty, without blanks, '=' or control characters");
			}
			String value = (equals < 0) ? null : term.substring(equals + 1);
			if (value != null && (value.isEmpty() || value.chars().anyMatch(Character::isISOControl))) {
				throw malformed(term, "its value must be non-empty, without control characters");
			}
			return new Term(key, value);
		}

		boolean holdsFor(Map<String, String> labels) {
			return labels.containsKey(this.key) && (this.value == null || Objects.equals(this.value, labels.get(this.key)));
		}

		@Override
		public String toString() {
			return (this.value != null) ? this.key + "=" + this.value : this.key;
		}

		private static IllegalArgumentException malformed(String term, String why) {
			return new IllegalArgumentException("envstream.collector.label-selector: '" + term
					+ "' is not a label term (write key or key=value): " + why);
		}

	}

}
