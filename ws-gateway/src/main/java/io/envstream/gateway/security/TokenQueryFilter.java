package io.envstream.gateway.security;

import java.io.IOException;

import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes {@code ?token=} off a WebSocket upgrade before anything else sees the request, and keeps
 * it in a request attribute for the handshake. Request logging (the dispatcher's, Spring's
 * WebSocket session descriptions) then never contains the token, whatever the log level.
 */
class TokenQueryFilter extends OncePerRequestFilter {

	static final String ATTRIBUTE = TokenQueryFilter.class.getName() + ".token";

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String query = request.getQueryString();
		return query == null || !request.getRequestURI().startsWith("/api/v1/ws/") || !query.contains("token=");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = request.getParameter("token");
		if (token != null) {
			request.setAttribute(ATTRIBUTE, token);
		}
		String query = Arrays.stream(request.getQueryString().split("&"))
			.filter((pair) -> !pair.equals("token") && !pair.startsWith("token="))
			.collect(Collectors.joining("&"));
		chain.doFilter(new WithoutToken(request, query.isEmpty() ? null : query), response);
	}

	private static final class WithoutToken extends HttpServletRequestWrapper {

		private final String query;

		WithoutToken(HttpServletRequest request, String query) {
			super(request);
			this.query = query;
		}

		@Override
		public String getQueryString() {
			return this.query;
		}

		@Override
		public String getParameter(String name) {
			return "token".equals(name) ? null : super.getParameter(name);
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
			parameters.remove("token");
			return Collections.unmodifiableMap(parameters);
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(getParameterMap().keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			return "token".equals(name) ? null : super.getParameterValues(name);
		}

	}

}
