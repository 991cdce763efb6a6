package io.envstream.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * The baseline of the fan-out: a bare WebSocket server on the same container as the gateway
 * (embedded Tomcat), broadcasting text frames it is handed to every connected client and doing
 * nothing else. Sends run on as many threads as the gateway's logs senders, each owning a slice of
 * the sessions, so every client gets the frames in order.
 */
final class PlainBroadcast implements AutoCloseable {

	private final Tomcat tomcat = new Tomcat();

	private final List<List<Session>> slices = new CopyOnWriteArrayList<>();

	private final List<ExecutorService> senders = new CopyOnWriteArrayList<>();

	private final AtomicInteger opened = new AtomicInteger();

	PlainBroadcast(int threads) throws Exception {
		for (int i = 0; i < threads; i++) {
			this.slices.add(new CopyOnWriteArrayList<>());
			this.senders.add(Executors.newSingleThreadExecutor());
		}
		this.tomcat.setBaseDir(Files.createTempDirectory("plain-broadcast").toString());
		this.tomcat.setPort(0);
		Context context = this.tomcat.addContext("", null);
		context.addServletContainerInitializer(new WsSci(), null);
		// the upgrade runs in WsFilter, and Tomcat runs filters only for a request some servlet maps
		Tomcat.addServlet(context, "default", new HttpServlet() {
		});
		context.addServletMappingDecoded("/", "default");
		this.tomcat.getConnector();
		this.tomcat.start();
		ServerContainer container = (ServerContainer) context.getServletContext()
			.getAttribute(ServerContainer.class.getName());
		container.addEndpoint(ServerEndpointConfig.Builder.create(Member.class, "/broadcast")
			.configurator(new ServerEndpointConfig.Configurator() {
				@Override
				public <T> T getEndpointInstance(Class<T> type) {
					return type.cast(new Member());
				}
			})
			.build());
	}

	String url() {
		return "ws://localhost:" + this.tomcat.getConnector().getLocalPort() + "/broadcast";
	}

	int connected() {
		return this.slices.stream().mapToInt(List::size).sum();
	}

	/** Queues the frame for every connected client; returns at once. */
	void broadcast(String text) {
		for (int i = 0; i < this.slices.size(); i++) {
			List<Session> slice = this.slices.get(i);
			this.senders.get(i).execute(() -> {
				for (Session session : slice) {
					try {
						session.getBasicRemote().sendText(text);
					}
					catch (IOException | RuntimeException ex) {
						// a client gone: the benchmark's count of its lines shows it
					}
				}
			});
		}
	}

	@Override
	public void close() throws Exception {
		this.senders.forEach(ExecutorService::shutdownNow);
		this.tomcat.stop();
		this.tomcat.destroy();
	}

	/** One client's end: joins a slice on open, leaves it on close. */
	private final class Member extends Endpoint {

		private List<Session> slice;

		@Override
		public void onOpen(Session session, EndpointConfig config) {
			this.slice = PlainBroadcast.this.slices.get(
					Math.floorMod(PlainBroadcast.this.opened.getAndIncrement(), PlainBroadcast.this.slices.size()));
			this.slice.add(session);
		}

		@Override
		public void onClose(Session session, CloseReason reason) {
			this.slice.remove(session);
		}

	}

}
