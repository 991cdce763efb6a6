package io.envstream.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RSA key standalone signs its tokens with: generated on the first start in
 * {@code <data-dir>/jwt/private-key.pem} (PKCS#8, readable by its owner only) and reused
 * afterwards, so tokens stay valid across restarts. The gateway verifies with its public half.
 * The key file is written under a temporary name and then linked into place, so a token
 * command running beside the first start never reads half a key; whichever links first wins.
 */
final class SigningKey {

	static final String FILE_NAME = "private-key.pem";

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private final RSAPrivateCrtKey privateKey;

	private final RSAPublicKey publicKey;

	private SigningKey(RSAPrivateCrtKey privateKey) {
		this.privateKey = privateKey;
		try {
			this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot derive the public key of the standalone signing key", ex);
		}
	}

	/** The key in {@code directory}, made there first if there is none. */
	static SigningKey loadOrCreate(Path directory) {
		Path file = directory.resolve(FILE_NAME);
		if (!Files.exists(file)) {
			create(directory, file);
		}
		return load(file);
	}

	private static void create(Path directory, Path file) {
		try {
			Files.createDirectories(directory);
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] { '\n' })
				.encodeToString(pair.getPrivate().getEncoded()) + "\n" + END + "\n";
			Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
			moveUnlessPresent(temporary, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the standalone signing key to " + file, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate an RSA key", ex);
		}
	}

	private static void moveUnlessPresent(Path temporary, Path file) throws IOException {
		try {
			// a link then an unlink: fails, keeping the first key, when another process got there first
			Files.createLink(file, temporary);
		}
		catch (FileAlreadyExistsException ex) {
			// another process made the key in the meantime: use theirs
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	private static SigningKey load(Path file) {
		String pem;
		try {
			pem = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the standalone signing key " + file, ex);
		}
		if (!pem.contains(BEGIN) || !pem.contains(END)) {
			throw new IllegalStateException(file + " is not a PEM PKCS#8 private key (" + BEGIN
					+ "); delete it to have a new key made, which invalidates the tokens issued so far");
		}
		String base64 = pem.substring(pem.indexOf(BEGIN) + BEGIN.length(), pem.indexOf(END)).replaceAll("\\s", "");
		try {
			return new SigningKey((RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64))));
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			throw new IllegalStateException(file + " is not an RSA private key; delete it to have a new key made,"
					+ " which invalidates the tokens issued so far", ex);
		}
	}

	RSAPrivateCrtKey privateKey() {
		return this.privateKey;
	}

	RSAPublicKey publicKey() {
		return this.publicKey;
	}

	/** The public key as the gateway's {@code envstream.gateway.jwt.public-key} takes it: base64 X.509. */
	String publicKeyBase64() {
		return Base64.getEncoder().encodeToString(this.publicKey.getEncoded());
	}

}
