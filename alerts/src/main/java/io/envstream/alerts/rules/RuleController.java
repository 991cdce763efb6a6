package io.envstream.alerts.rules;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alert-rules}: create, read, replace and delete the rules. An internal, admin-only API: it has no
 * authentication of its own, so its port must not be reachable from outside the cluster (see README).
 */
@RestController
@RequestMapping("/api/v1/alert-rules")
class RuleController {

	private final RuleRepository repository;

	private final RuleBook book;

	RuleController(RuleRepository repository, RuleBook book) {
		this.repository = repository;
		this.book = book;
	}

	@GetMapping
	List<RuleDefinition> list() {
		return this.repository.findAll().stream().map(RuleDefinition::of).toList();
	}

	@GetMapping("/{id}")
	ResponseEntity<RuleDefinition> get(@PathVariable long id) {
		return ResponseEntity.of(this.repository.findById(id).map(RuleDefinition::of));
	}

	@PostMapping
	ResponseEntity<RuleDefinition> create(@RequestBody RuleDefinition definition) {
		AlertRule rule = this.repository.insert(definition);
		this.book.reload();
		return ResponseEntity.created(URI.create("/api/v1/alert-rules/" + rule.id())).body(RuleDefinition.of(rule));
	}

	@PutMapping("/{id}")
	ResponseEntity<RuleDefinition> replace(@PathVariable long id, @RequestBody RuleDefinition definition) {
		AlertRule rule = definition.validate(id);
		if (!this.repository.update(rule)) {
			return ResponseEntity.notFound().build();
		}
		this.book.reload();
		return ResponseEntity.ok(RuleDefinition.of(rule));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		if (!this.repository.delete(id)) {
			return ResponseEntity.notFound().build();
		}
		this.book.reload();
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidRuleException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid alert rule");
		problem.setProperty("errors", ex.errors());
		return problem;
	}

}
