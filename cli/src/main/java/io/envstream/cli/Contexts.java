package io.envstream.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The installations a person signed in to, as kubeconfig keeps them: named contexts (a gateway URL and a token, or
 * the file a token is read from at each use) and the current one. Kept in {@code $ENVSTREAM_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/envstream/config}, else {@code ~/.config/envstream/config}, JSON, mode 600 (it holds tokens).
 */
public final class Contexts {

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private final Path file;

	private final Document document;

	private Contexts(Path file, Document document) {
		this.file = file;
		this.document = document;
	}

	/** One installation: its gateway and how to get a token for it. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Context(@JsonProperty("url") String url, @JsonProperty("token") String token,
			@JsonProperty("token-file") String tokenFile) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Document(@JsonProperty("current-context") String current,
			@JsonProperty("contexts") Map<String, Context> contexts) {
	}

	public static Path file(Io io) {
		String explicit = io.variable("ENVSTREAM_CONFIG");
		if (explicit != null) {
			return Path.of(explicit);
		}
		String xdg = io.variable("XDG_CONFIG_HOME");
		Path base = (xdg != null) ? Path.of(xdg) : io.home().resolve(".config");
		return base.resolve("envstream").resolve("config");
	}

	/** The file's contexts; none when it does not exist yet. */
	public static Contexts load(Io io) {
		Path file = file(io);
		if (!Files.exists(file)) {
			return new Contexts(file, new Document(null, new TreeMap<>()));
		}
		try {
			Document read = JSON.readValue(file.toFile(), Document.class);
			return new Contexts(file, new Document(read.current(),
					new TreeMap<>((read.contexts() != null) ? read.contexts() : Map.of())));
		}
		catch (JacksonException ex) {
			throw new CliException(Exit.FAILURE, file + " is not a valid envstream config (" + ex.getOriginalMessage()
					+ "): fix or remove it");
		}
		catch (IOException ex) {
			throw new CliException(Exit.FAILURE, "cannot read " + file + ": " + ex.getMessage());
		}
	}

	public Map<String, Context> all() {
		return Map.copyOf(this.document.contexts());
	}

	public String current() {
		return this.document.current();
	}

	public Context get(String name) {
		Context context = this.document.contexts().get(name);
		if (context == null) {
			throw new CliException(Exit.USAGE, "no context named " + name + " in " + this.file
					+ ((this.document.contexts().isEmpty()) ? ": envstream login --url URL makes one"
							: " (there are: " + String.join(", ", this.document.contexts().keySet()) + ")"));
		}
		return context;
	}

	/** Stores the context under {@code name} and makes it the current one. */
	public Contexts put(String name, Context context) {
		Map<String, Context> contexts = new TreeMap<>(this.document.contexts());
		contexts.put(name, context);
		return new Contexts(this.file, new Document(name, contexts));
	}

	public Contexts use(String name) {
		get(name);
		return new Contexts(this.file, new Document(name, this.document.contexts()));
	}

	/** Writes the file (mode 600, in a directory of mode 700), replacing the old one in one move. */
	public void save() {
		try {
			Path directory = this.file.toAbsolutePath().getParent();
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			Path temporary = Files.createTempFile(directory, ".config", ".tmp",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			try {
				JSON.writeValue(temporary.toFile(), this.document);
				move(temporary, this.file);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new CliException(Exit.FAILURE, "cannot write " + this.file + ": " + ex.getMessage());
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	public Path path() {
		return this.file;
	}

}
