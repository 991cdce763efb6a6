package io.envstream.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Saves a gateway and a token as a context and makes it the current one, once the gateway accepted the token (so a
 * typo never replaces a context that works).
 */
@Command(name = "login", mixinStandardHelpOptions = true,
		description = { "Sign in to a gateway: saves it and a token as a context, made current.",
				"The token comes from --token, --token-file (read again at each use) or ENVSTREAM_TOKEN.",
				"On a standalone: envstream login --url http://127.0.0.1:8080 --token \"$(envstream token demo)\"" })
final class LoginCommand implements Callable<Integer> {

	private final Io io;

	@Option(names = "--url", required = true, paramLabel = "URL", description = "The gateway, e.g. http://127.0.0.1:8080.")
	String url;

	@ArgGroup(exclusive = true)
	TokenSource tokenSource;

	@Option(names = "--context", paramLabel = "NAME", description = "The context's name (default: the URL's host:port).")
	String name;

	static final class TokenSource {

		@Option(names = "--token", paramLabel = "T", description = "The token itself (stored in the config file, mode 600).")
		String token;

		@Option(names = "--token-file", paramLabel = "F", description = "A file holding the token, read at each use.")
		Path tokenFile;

	}

	LoginCommand(Io io) {
		this.io = io;
	}

	@Override
	public Integer call() {
		URI uri = Target.url(this.url);
		Contexts.Context context = context(uri);
		Target target = new Target(uri, context.token(), context.tokenFile(),
				Target.firstWait(this.io.variable(Target.BACKOFF_VARIABLE)));
		if (target.token() == null) {
			throw new CliException(Exit.USAGE, "no token: give --token T or --token-file F, or set ENVSTREAM_TOKEN");
		}
		int visible = new Gateway(target).environments().size();
		String contextName = (this.name != null) ? this.name : uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "");
		Contexts contexts = Contexts.load(this.io).put(contextName, context);
		contexts.save();
		this.io.err().println("signed in to " + uri + " as context " + contextName + " (" + visible
				+ " environments visible), saved in " + contexts.path());
		return Exit.OK;
	}

	private Contexts.Context context(URI uri) {
		if (this.tokenSource != null && this.tokenSource.tokenFile != null) {
			Path file = this.tokenSource.tokenFile.toAbsolutePath();
			Target.readTokenFile(file);
			return new Contexts.Context(uri.toString(), null, file.toString());
		}
		String token = (this.tokenSource != null) ? this.tokenSource.token : this.io.variable("ENVSTREAM_TOKEN");
		return new Contexts.Context(uri.toString(), (token != null) ? token.strip() : null, null);
	}

}
