package io.envstream.gateway.bench;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

/**
 * The live objects of this JVM per class, as {@code jcmd <pid> GC.class_histogram} prints them (it
 * runs a full GC first): two of them, taken around an action, say which classes its bytes went to.
 */
record ClassHistogram(Map<String, Long> bytesByClass) {

	private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

	static ClassHistogram take() throws Exception {
		String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
				new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
				new Object[] { new String[0] }, new String[] { String[].class.getName() });
		Map<String, Long> bytes = new HashMap<>();
		for (String line : text.split("\n")) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
			}
		}
		return new ClassHistogram(bytes);
	}

	/**
	 * The classes that grew most since {@code before}, as "class bytes-per-unit", largest first.
	 * @param units what the growth is divided by (the connections opened in between)
	 */
	List<String> growthSince(ClassHistogram before, int units, int top) {
		return this.bytesByClass.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(),
					entry.getValue() - before.bytesByClass.getOrDefault(entry.getKey(), 0L)))
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(top)
			.map((entry) -> String.format("%s %.0f", entry.getKey(), (double) entry.getValue() / units))
			.toList();
	}

}
