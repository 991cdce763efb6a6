package io.envstream.testsupport.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.envstream.testsupport.bench.RepositoryRoot;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * The envstream ACL set, read from the file an operator applies with {@code infra/kafka/acls.sh}
 * ({@value #FILE}), so a test grants exactly what production grants. Each line: app, resource type,
 * pattern type, resource name, comma-separated operations, in kafka-acls' own names.
 */
public final class AclDefinitions {

	/** The ACL set, relative to the repository root. */
	public static final String FILE = "infra/kafka/acls.conf";

	private AclDefinitions() {
	}

	/** The bindings of {@value #FILE}, each app's lines allowed to {@code principalOf.apply(app)}. */
	public static List<AclBinding> ofRepository(Function<String, String> principalOf) {
		Path file = RepositoryRoot.find().resolve(FILE);
		try {
			return parse(Files.readAllLines(file), principalOf);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the ACL set " + file, ex);
		}
	}

	static List<AclBinding> parse(List<String> lines, Function<String, String> principalOf) {
		List<AclBinding> bindings = new ArrayList<>();
		for (int number = 1; number <= lines.size(); number++) {
			String line = lines.get(number - 1).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.split("\\s+");
			if (fields.length != 5) {
				throw invalid(number, line, "expected app, resource type, pattern type, name and operations");
			}
			ResourceType type = SecurityUtils.resourceType(fields[1]);
			PatternType pattern = PatternType.fromString(fields[2]);
			if (type == ResourceType.UNKNOWN || pattern == PatternType.UNKNOWN) {
				throw invalid(number, line, "unknown resource type or pattern type");
			}
			ResourcePattern resource = new ResourcePattern(type, fields[3], pattern);
			String principal = principalOf.apply(fields[0]);
			for (String name : fields[4].split(",")) {
				AclOperation operation = SecurityUtils.operation(name);
				if (operation == AclOperation.UNKNOWN) {
					throw invalid(number, line, "unknown operation " + name);
				}
				bindings.add(new AclBinding(resource,
						new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
			}
		}
		return bindings;
	}

	private static IllegalArgumentException invalid(int number, String line, String reason) {
		return new IllegalArgumentException(FILE + " line " + number + ": " + reason + ": " + line);
	}

}
