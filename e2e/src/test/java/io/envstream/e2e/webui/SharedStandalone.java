package io.envstream.e2e.webui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

import io.envstream.testsupport.alerts.AlertsAppStandIn;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives the suites that use it ({@code @ExtendWith(SharedStandalone.class)}: the browser suites, a {@link WebUiSetup}
 * parameter of their {@code @BeforeAll}; the hardening suites, a {@link StandaloneProcess} parameter of their test) one
 * standalone for the whole test run instead of one each: a standalone's start is about half a minute of the quiet
 * 2-core machine (several under load), and its stop a few seconds more. It is started by the first suite that asks and
 * stopped when the run ends (the root store closes it). The suites stay apart by their own environments (each demo
 * container has its own id) and artifact directories; what they share is the gateway's settings, so these are the
 * strictest any of them needs: a heartbeat every 2 s that gives up after 8 s without a pong. Its collector follows only
 * the containers labelled {@link #FOLLOWED} (its label selector), so no other container on the engine takes part. Its
 * gateway reads the alert rules from an {@link AlertsAppStandIn} (standalone runs no alerts app) serving
 * {@link AlertsAppStandIn#RULES}.
 */
public final class SharedStandalone implements ParameterResolver {

	/** The label, with this test run's value, of every container the shared standalone's collector follows. */
	public static final Map<String, String> FOLLOWED = Map.of("envstream.test.shared-run",
			UUID.randomUUID().toString().substring(0, 8));

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStandalone.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == WebUiSetup.class || type == StandaloneProcess.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
		AlertsAppStandIn alertsApp = store.computeIfAbsent(AlertsAppStandIn.class,
				(key) -> serving(AlertsAppStandIn.RULES), AlertsAppStandIn.class);
		WebUiSetup setup = store.computeIfAbsent(WebUiSetup.class, (key) -> start(alertsApp), WebUiSetup.class);
		return (parameter.getParameter().getType() == StandaloneProcess.class) ? setup.standalone() : setup;
	}

	private static AlertsAppStandIn serving(String rules) {
		try {
			return AlertsAppStandIn.serving(200, rules);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static WebUiSetup start(AlertsAppStandIn alertsApp) {
		try {
			return WebUiSetup.start(WebUiSetup.WORK, FOLLOWED, "--envstream.gateway.heartbeat-interval=2s",
					"--envstream.gateway.heartbeat-timeout=8s", "--envstream.gateway.alerts.url=" + alertsApp.url());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the standalone started", ex);
		}
	}

}
