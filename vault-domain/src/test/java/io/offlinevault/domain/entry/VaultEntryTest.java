package io.offlinevault.domain.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaultEntryTest {
    private static final Scope X = new Scope("x", ResourceType.EXTENSION);
    private static final Scope Y = new Scope("y", ResourceType.EXTENSION);

    @Test
    void lists_keep_the_first_of_each_item_in_order_and_cannot_be_changed() {
        // given
        List<Scope> scopes = new ArrayList<>(List.of(Y, X, Y, X));

        // when
        VaultEntry entry = entry(scopes);
        scopes.clear();

        // then
        assertThat(entry.scopes()).containsExactly(Y, X);
        assertThat(entry.attributeReferences()).isEmpty();
        assertThatThrownBy(() -> entry.scopes().add(X)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_list_of_one_item_is_kept_and_a_null_item_is_refused() {
        assertThat(entry(List.of(X)).scopes()).containsExactly(X);
        assertThatThrownBy(() -> entry(Arrays.asList((Scope) null))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> entry(Arrays.asList(X, null))).isInstanceOf(NullPointerException.class);
    }

    private static VaultEntry entry(List<Scope> scopes) {
        return new VaultEntry(EntryKey.of("k"), SecretValue.of("v"), ValueType.STRING, Visibility.OBFUSCATED, List.of(),
                scopes);
    }
}
