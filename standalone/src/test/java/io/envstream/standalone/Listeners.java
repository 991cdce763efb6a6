package io.envstream.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Who listens where on this machine: the kernel's own table of listening TCP sockets
 * ({@code /proc/net/tcp} and {@code tcp6}), and the machine's addresses other than loopback.
 */
final class Listeners {

	private static final String LISTEN = "0A";

	private Listeners() {
	}

	/** The local addresses of the sockets that listen on {@code port}, IPv4 and IPv6. */
	static List<InetAddress> addressesListeningOn(int port) throws IOException {
		List<InetAddress> addresses = new ArrayList<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			List<String> lines = Files.readAllLines(Path.of(table));
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.strip().split("\\s+");
				String[] local = fields[1].split(":");
				if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
					addresses.add(address(local[0]));
				}
			}
		}
		return addresses;
	}

	/** Every address of an interface that is up, except loopback and link-local ones. */
	static List<InetAddress> nonLoopbackAddresses() throws SocketException {
		return NetworkInterface.networkInterfaces()
			.filter(Listeners::isUp)
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
			.toList();
	}

	static boolean accepts(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean isUp(NetworkInterface networkInterface) {
		try {
			return networkInterface.isUp();
		}
		catch (SocketException ex) {
			return false;
		}
	}

	/** The kernel writes each 32-bit word of the address in the machine's (little-endian) byte order. */
	private static InetAddress address(String hex) throws UnknownHostException {
		byte[] bytes = new byte[hex.length() / 2];
		for (int word = 0; word < bytes.length / 4; word++) {
			for (int i = 0; i < 4; i++) {
				bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring((word * 4 + 3 - i) * 2, (word * 4 + 4 - i) * 2), 16);
			}
		}
		// an IPv4 address on a dual-stack socket, ::ffff:a.b.c.d, comes back as the IPv4 address
		return InetAddress.getByAddress(bytes);
	}

}
