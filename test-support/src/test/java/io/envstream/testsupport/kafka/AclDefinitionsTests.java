package io.envstream.testsupport.kafka;

import java.util.List;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AclDefinitionsTests {

	@Test
	void readsOneAllowBindingPerOperationForTheAppsPrincipal() {
		List<AclBinding> bindings = AclDefinitions.parse(List.of("# comment", "",
				"collector  TransactionalId  PREFIXED  envstream-collector-  Write,Describe"),
				(app) -> "User:envstream-" + app);

		assertThat(bindings).hasSize(2).allSatisfy((binding) -> {
			assertThat(binding.pattern().resourceType()).isEqualTo(ResourceType.TRANSACTIONAL_ID);
			assertThat(binding.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
			assertThat(binding.pattern().name()).isEqualTo("envstream-collector-");
			assertThat(binding.entry().principal()).isEqualTo("User:envstream-collector");
		});
		assertThat(bindings).extracting((binding) -> binding.entry().operation())
			.containsExactly(AclOperation.WRITE, AclOperation.DESCRIBE);
	}

	@Test
	void theRepositorysSetLetsTheCollectorWriteRawLogsButNotTheRedactedOnes() {
		List<AclBinding> collector = AclDefinitions.ofRepository((app) -> "User:" + app)
			.stream()
			.filter((binding) -> binding.entry().principal().equals("User:collector"))
			.toList();

		assertThat(collector).anyMatch((binding) -> writes(binding, "envstream.logs.raw"));
		assertThat(collector).noneMatch((binding) -> writes(binding, "envstream.logs"));
	}

	@Test
	void refusesAnUnknownOperationNamingTheLine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AclDefinitions.parse(List.of("gateway Topic LITERAL envstream.logs Read,Peek"),
					(app) -> "User:" + app))
			.withMessage("infra/kafka/acls.conf line 1: unknown operation Peek: "
					+ "gateway Topic LITERAL envstream.logs Read,Peek");
	}

	private static boolean writes(AclBinding binding, String topic) {
		return binding.pattern().resourceType() == ResourceType.TOPIC && binding.pattern().name().equals(topic)
				&& binding.entry().operation() == AclOperation.WRITE;
	}

}
