package io.envstream.processor.topology;

import com.google.re2j.Pattern;

/**
 * Drops every line in which {@code pattern} is found (anywhere in the line, as grep does), in every environment
 * or only in {@code environment}. The pattern is RE2/J, linear in the line whatever it is.
 *
 * @param pattern what a dropped line contains, matched against the line as the container wrote it
 * @param environment the environment id the rule is limited to, or {@code null} for all
 */
public record DropRule(Pattern pattern, String environment) {

	boolean drops(String environmentId, String message) {
		return (this.environment == null || this.environment.equals(environmentId))
				&& this.pattern.matcher(message).find();
	}

	String scope() {
		return (this.environment != null) ? "environment" : "global";
	}

}
