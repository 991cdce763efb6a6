package io.envstream.gateway.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's
 * {@code keytool} in a temporary directory when a test asks for it, never committed: the agent's
 * key store, and a trust store holding only the certificate, as Spring Boot SSL bundles.
 */
final class ThrowawayCertificate {

	private static final String PASSWORD = "throwaway-" + Long.toHexString(System.nanoTime());

	private final Path keyStore;

	private final Path trustStore;

	private ThrowawayCertificate(Path keyStore, Path trustStore) {
		this.keyStore = keyStore;
		this.trustStore = trustStore;
	}

	static ThrowawayCertificate create() {
		try {
			Path dir = Files.createTempDirectory("envstream-agent-tls");
			Path keyStore = dir.resolve("agent.p12");
			Path cert = dir.resolve("agent.crt");
			Path trustStore = dir.resolve("trust.p12");
			keytool("-genkeypair", "-alias", "agent", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
					"-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
					"-keystore", keyStore.toString(), "-storepass", PASSWORD);
			keytool("-exportcert", "-alias", "agent", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-file",
					cert.toString());
			keytool("-importcert", "-noprompt", "-alias", "agent", "-file", cert.toString(), "-storetype", "PKCS12",
					"-keystore", trustStore.toString(), "-storepass", PASSWORD);
			return new ThrowawayCertificate(keyStore, trustStore);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The collector's arguments: its server (the agent) on TLS with this certificate. */
	List<String> agentArguments() {
		return List.of("--server.ssl.bundle=agent",
				"--spring.ssl.bundle.jks.agent.keystore.location=file:" + this.keyStore,
				"--spring.ssl.bundle.jks.agent.keystore.password=" + PASSWORD,
				"--spring.ssl.bundle.jks.agent.keystore.type=PKCS12");
	}

	/** The gateway's arguments: trust this certificate for {@code wss} agents. */
	List<String> gatewayArguments() {
		return List.of("--envstream.gateway.terminal.ssl-bundle=agents",
				"--spring.ssl.bundle.jks.agents.truststore.location=file:" + this.trustStore,
				"--spring.ssl.bundle.jks.agents.truststore.password=" + PASSWORD,
				"--spring.ssl.bundle.jks.agents.truststore.type=PKCS12");
	}

	/** A client context trusting only this certificate, for a test that connects to the agent itself. */
	SSLContext trustingContext() {
		try (InputStream in = Files.newInputStream(this.trustStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, PASSWORD.toCharArray());
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot read the throwaway trust store", ex);
		}
	}

	private static void keytool(String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("keytool did not finish in 60 s: " + command);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running keytool", ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
		}
	}

}
