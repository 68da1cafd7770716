package io.fangxian.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {
  record Page(String townshipId, int keep) {
    Page {
      if (keep < 0) {
        throw new IllegalArgumentException("keep must be 0 or more");
      }
    }
  }

  @Test
  void aLocalQueryIsAnsweredByNameFromItsJsonArguments() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Router router = new Router(null, mapper);
    LocalQuery<Page, String> echo = router.serve(LocalQuery.inParts("echo", "store", Page.class,
        new TypeReference<>() { }, p -> p.townshipId() + "/" + p.keep()));
    router.serve(LocalQuery.anywhere("none", Void.class, new TypeReference<String>() { }, v -> Optional.empty()));
    String args = mapper.writeValueAsString(new Page("jincheng", 550));

    assertThat(router.served()).extracting(LocalQuery::name).containsExactly("echo", "none");
    assertThat(router.local("echo", args)).isEqualTo(Optional.of("jincheng/550"));
    assertThat(router.local("none", null)).isEmpty();
    assertThatThrownBy(() -> router.local("nope", null)).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(404)).hasMessageContaining("echo, none");
    assertThatThrownBy(() -> router.local("echo", "{\"keep\": -5}")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> router.local("echo", "not json")).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> router.serve(echo)).hasMessageContaining("echo");
  }
}
