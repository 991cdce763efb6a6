package io.envstream.e2e.webui;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.envstream.testsupport.alerts.AlertsAppStandIn;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives the browser suites that use it ({@code @ExtendWith(SharedStandalone.class)}, a {@link WebUiSetup} parameter
 * of their {@code @BeforeAll}) one standalone for the whole test run instead of one each: a standalone's start is
 * about a minute of the 2-core machine. It is started by the first suite that asks and stopped when the run ends
 * (the root store closes it). The suites stay apart by their own environments (each demo container has its own id)
 * and artifact directories; what they share is the gateway's settings, so these are the strictest any of them needs:
 * a heartbeat every 2 s that gives up after 8 s without a pong. Its gateway reads the alert rules from an
 * {@link AlertsAppStandIn} (standalone runs no alerts app) serving {@link AlertsAppStandIn#RULES}.
 */
final class SharedStandalone implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStandalone.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == WebUiSetup.class;
	}

	@Override
	public WebUiSetup resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
		AlertsAppStandIn alertsApp = store.computeIfAbsent(AlertsAppStandIn.class,
				(key) -> serving(AlertsAppStandIn.RULES), AlertsAppStandIn.class);
		return store.computeIfAbsent(WebUiSetup.class, (key) -> start(alertsApp), WebUiSetup.class);
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
			return WebUiSetup.start(WebUiSetup.WORK, "--envstream.gateway.heartbeat-interval=2s",
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
