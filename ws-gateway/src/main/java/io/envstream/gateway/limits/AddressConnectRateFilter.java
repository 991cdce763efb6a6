package io.envstream.gateway.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The connect rate per client address, before authentication: a WebSocket handshake from an address
 * over its rate is answered {@code 429 Too Many Requests} with {@code Retry-After} and no upgrade, so
 * its token is never decoded and no database is asked anything. Per replica, in memory, on purpose:
 * a flood of unauthenticated handshakes must cost no query; the cluster-wide per-user connect rate
 * (4429) follows once the token is verified. The address is the request's remote address, which is
 * the client's only when a proxy in front is trusted to set it ({@code server.forward-headers-strategy}).
 */
class AddressConnectRateFilter extends OncePerRequestFilter {

	static final String REFUSAL = "too many connects from this address, retry later";

	private final RateBuckets buckets;

	private final Counter refused;

	AddressConnectRateFilter(RateBuckets buckets, MeterRegistry registry) {
		this.buckets = buckets;
		this.refused = Counter.builder("envstream.gateway.limits.refused")
			.description("Requests refused by a rate limit checked before the database")
			.tag("limit", "address-connect")
			.register(registry);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RateBuckets.Verdict verdict = this.buckets.take(request.getRemoteAddr());
		if (verdict.allowed()) {
			chain.doFilter(request, response);
			return;
		}
		this.refused.increment();
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		// the shape of every API error: {"status":..,"message":..}
		response.getOutputStream()
			.write(("{\"status\":429,\"message\":\"" + REFUSAL + "\"}").getBytes(StandardCharsets.UTF_8));
	}

}
