package io.envstream.gateway.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.server.ResponseStatusException;

/** API errors as {@code {"status":400,"message":"invalid cursor: ..."}}: a client always learns what was wrong. */
@RestControllerAdvice
class ApiErrors {

	@ExceptionHandler(ResponseStatusException.class)
	ResponseEntity<Map<String, Object>> status(ResponseStatusException ex) {
		return ResponseEntity.status(ex.getStatusCode())
			.headers(ex.getHeaders())
			.body(Map.of("status", ex.getStatusCode().value(), "message", String.valueOf(ex.getReason())));
	}

	/** A request whose work ({@link RestWork}) outlasted {@code spring.mvc.async.request-timeout}. */
	@ExceptionHandler(AsyncRequestTimeoutException.class)
	ResponseEntity<Map<String, Object>> timeout() {
		return status(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
				"not answered within the gateway's request timeout (spring.mvc.async.request-timeout)"));
	}

}
