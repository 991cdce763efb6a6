package io.envstream.gateway.web;

import java.util.concurrent.ScheduledExecutorService;

import io.envstream.gateway.limits.LimitsProperties;
import io.envstream.gateway.limits.RateBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The REST rate per user: runs once the token is verified and before the controller, so before the
 * access query in PostgreSQL; a user over the rate gets 429 with {@code Retry-After} and the API's
 * error body ({@link ApiErrors}), and costs no query. Per replica, in memory (Bucket4j), like the
 * per-address connect rate: the refusal must be cheaper than what it protects.
 */
class RestRateLimit implements HandlerInterceptor {

	static final String REFUSAL = "too many requests, retry later";

	private final RateBuckets buckets;

	private final Counter refused;

	RestRateLimit(LimitsProperties properties, ScheduledExecutorService scheduler, MeterRegistry registry) {
		this.buckets = RateBuckets.sweptEveryMinute(properties.restRequestBurst(), properties.restRequestsPerSecond(),
				scheduler);
		this.refused = Counter.builder("envstream.gateway.limits.refused")
			.description("Requests refused by a rate limit checked before the database")
			.tag("limit", "rest")
			.register(registry);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() == DispatcherType.ASYNC) {
			return true; // the answer of a request admitted when it came (RestWork)
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return true;
		}
		RateBuckets.Verdict verdict = this.buckets.take(authentication.getName());
		if (!verdict.allowed()) {
			this.refused.increment();
			throw new TooManyRequests(verdict.retryAfterSeconds());
		}
		return true;
	}

	/** 429 with {@code Retry-After}, answered by {@link ApiErrors} like every API error. */
	static final class TooManyRequests extends ResponseStatusException {

		private final long retryAfterSeconds;

		TooManyRequests(long retryAfterSeconds) {
			super(HttpStatus.TOO_MANY_REQUESTS, REFUSAL);
			this.retryAfterSeconds = retryAfterSeconds;
		}

		@Override
		public HttpHeaders getHeaders() {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfterSeconds));
			return headers;
		}

	}

}
