package io.envstream.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * POSIX signal handlers through {@code sun.misc.Signal} (module {@code jdk.unsupported}), the only way a JDK program
 * sees SIGWINCH or keeps Ctrl-C from ending the JVM. Reached by reflection, as JLine does, so the build needs no
 * internal API and a JVM without it simply gets no handler.
 */
final class Signals {

	private Signals() {
	}

	/** @return whether the handler is installed ({@code false}: no such signal here, or no {@code sun.misc.Signal}) */
	static boolean handle(String name, Runnable action) {
		try {
			Class<?> signalClass = Class.forName("sun.misc.Signal");
			Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
			Object signal = signalClass.getConstructor(String.class).newInstance(name);
			InvocationHandler invocation = (proxy, method, arguments) -> switch (method.getName()) {
				case "handle" -> {
					action.run();
					yield null;
				}
				case "hashCode" -> System.identityHashCode(proxy);
				case "equals" -> proxy == arguments[0];
				case "toString" -> "envstream " + name + " handler";
				default -> null;
			};
			Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] { handlerClass },
					invocation);
			signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
			return true;
		}
		catch (ReflectiveOperationException | IllegalArgumentException | LinkageError ex) {
			return false;
		}
	}

}
