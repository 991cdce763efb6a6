package io.envstream.testsupport.postgres;

import java.util.regex.Pattern;

/** Keeps passwords out of messages and logs. */
final class JdbcUrls {

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&])password=[^&]*(&|$)");

	private JdbcUrls() {
	}

	/** The URL without its {@code password} parameter, if it has one. */
	static String withoutPassword(String jdbcUrl) {
		if (jdbcUrl == null) {
			return null;
		}
		String cleaned = PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1");
		return cleaned.endsWith("?") || cleaned.endsWith("&") ? cleaned.substring(0, cleaned.length() - 1) : cleaned;
	}

}
