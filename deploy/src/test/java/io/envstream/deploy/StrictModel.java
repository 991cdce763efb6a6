package io.envstream.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the fabric8 model took in without knowing it. Its classes keep unknown fields, and values
 * of the wrong type, in {@code additionalProperties} instead of refusing them (the API server
 * would refuse or drop them), so a strict parse is a parse plus this walk.
 */
final class StrictModel {

	private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

	private StrictModel() {
	}

	/** Paths of the fields the model did not recognise, e.g. {@code spec.template.spec.containers[0].imagePullPolicyy}. */
	static List<String> unknownFields(Object object) {
		List<String> unknown = new ArrayList<>();
		walk(object, "", unknown);
		return unknown;
	}

	private static void walk(Object value, String path, List<String> unknown) {
		if (value instanceof Collection<?> items) {
			int index = 0;
			for (Object item : items) {
				walk(item, path + "[" + index++ + "]", unknown);
			}
		}
		else if (value instanceof Map<?, ?> entries) {
			entries.forEach((key, item) -> walk(item, path + "[" + key + "]", unknown));
		}
		else if (value != null && value.getClass().getName().startsWith(MODEL_PACKAGE)) {
			for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
				for (Field field : type.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers())) {
						visit(value, field, path, unknown);
					}
				}
			}
		}
	}

	private static void visit(Object owner, Field field, String path, List<String> unknown) {
		Object value = read(owner, field);
		String prefix = path.isEmpty() ? "" : path + ".";
		if (field.getName().equals("additionalProperties")) {
			if (value != null) {
				((Map<?, ?>) value).keySet().forEach((name) -> unknown.add(prefix + name));
			}
		}
		else {
			walk(value, prefix + field.getName(), unknown);
		}
	}

	private static Object read(Object owner, Field field) {
		try {
			field.setAccessible(true);
			return field.get(owner);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("cannot read " + field, ex);
		}
	}

}
