package io.envstream.standalone;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code token <user> [--admin] [--team T] [--ttl 8h]}: prints a token of this standalone
 * (its key in the data directory, made if missing; its gateway's issuer and audience), whether
 * standalone runs or not. Reads the launcher's configuration ({@code standalone.yaml},
 * {@code application.yaml}, environment, {@code --name=value} arguments), so
 * {@code --envstream.standalone.data-dir=...} picks another standalone's key.
 */
final class TokenCommand {

	static final String NAME = "token";

	static final String USAGE = """
			usage: token <user> [--admin] [--team T] [--ttl 8h] [--envstream.standalone.data-dir=DIR ...]
			  prints a token for <user> signed with the standalone key in <data-dir>/jwt/ (made if missing)
			  --admin     grant the admin scope: every environment
			  --team T    the team claim
			  --ttl D     how long it lives (default envstream.standalone.token-ttl, 8h): 30m, 8h, 7d""";

	private TokenCommand() {
	}

	/** What the arguments ask for. */
	record Request(String user, String team, boolean admin, Duration ttl, List<String> settings) {

		static Request parse(String... args) {
			String user = null;
			String team = null;
			boolean admin = false;
			Duration ttl = null;
			List<String> settings = new ArrayList<>();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
				boolean inline = !option.equals(arg);
				switch (option) {
					case "--admin" -> admin = true;
					case "--team" -> team = inline ? arg.substring(option.length() + 1) : value(args, ++i, option);
					case "--ttl" -> ttl = duration(inline ? arg.substring(option.length() + 1) : value(args, ++i, option));
					default -> {
						if (option.startsWith("--") && inline && option.contains(".")) {
							settings.add(arg);
						}
						else if (option.startsWith("-")) {
							throw new IllegalArgumentException("unknown option " + option);
						}
						else if (user != null) {
							throw new IllegalArgumentException("one user only, not both " + user + " and " + arg);
						}
						else {
							user = arg;
						}
					}
				}
			}
			if (user == null || user.isBlank()) {
				throw new IllegalArgumentException("name the user the token is for");
			}
			return new Request(user, team, admin, ttl, List.copyOf(settings));
		}

		private static String value(String[] args, int index, String option) {
			if (index >= args.length) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return args[index];
		}

		private static Duration duration(String text) {
			try {
				return DurationStyle.detectAndParse(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("--ttl " + text + " is not a duration (30m, 8h, 7d)");
			}
		}

	}

	/** @return the process's exit status: 0 with the token on {@code out}, else 64 (usage) or 1 */
	static int run(String[] args, PrintStream out, PrintStream err) {
		Request request;
		try {
			request = Request.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("token: " + ex.getMessage());
			err.println(USAGE);
			return 64;
		}
		List<String> springArgs = new ArrayList<>(request.settings());
		// stdout carries the token alone, for TOKEN=$(token.sh demo); the JVM exits when done
		springArgs.add("--logging.threshold.console=off");
		springArgs.add("--spring.main.keep-alive=false");
		SpringApplication application = new SpringApplication(Settings.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(Map.of("spring.config.name", StandaloneApplication.CONFIG_NAME));
		try (ConfigurableApplicationContext context = application.run(springArgs.toArray(String[]::new))) {
			StandaloneProperties properties = context.getBean(StandaloneProperties.class);
			TokenIssuer tokens = LocalIssuer.of(context.getEnvironment(), properties)
				.orElseThrow(() -> new IllegalStateException("an external token issuer is configured ("
						+ LocalIssuer.JWT_PREFIX + ".jwk-set-uri or public-key): get tokens from it"))
				.tokens();
			Duration ttl = (request.ttl() != null) ? request.ttl() : properties.tokenTtl();
			out.println(tokens.issue(request.user(), request.team(), request.admin(), ttl));
			return 0;
		}
		catch (RuntimeException ex) {
			err.println("token: " + rootMessage(ex));
			return 1;
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause == ex) ? String.valueOf(ex.getMessage()) : ex.getMessage() + ": " + cause.getMessage();
	}

	/** Only the launcher's properties: no broker, no database, no app. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StandaloneProperties.class)
	static class Settings {

	}

}
