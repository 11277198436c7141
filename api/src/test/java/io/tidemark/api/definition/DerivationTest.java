package io.tidemark.api.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DerivationTest {
  @Test
  void aDerivationNamesAColumnOrIsTheStarOnBothSides() {
    assertThat(new Derivation("spend_per_order", "spend / orders").isStar()).isFalse();
    assertThat(Derivation.star()).isEqualTo(new Derivation("*", "*"));
    assertThat(Derivation.star().isStar()).isTrue();
  }

  @Test
  void anInvalidDerivationCannotBeBuilt() {
    assertThatThrownBy(() -> new Derivation("per order", "spend / orders"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Cannot derive per order: not a column name");
    assertThatThrownBy(() -> new Derivation("1st", "spend"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Cannot derive 1st: not a column name");
    assertThatThrownBy(() -> new Derivation("spend", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Cannot derive spend: the expression is blank");
    assertThatThrownBy(() -> new Derivation("*", "spend"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot derive * from spend: * is only both the name and the expression");
    assertThatThrownBy(() -> new Derivation("all", "*"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot derive all from *: * is only both the name and the expression");
    assertThatThrownBy(() -> new Derivation(null, "*")).isInstanceOf(NullPointerException.class)
        .hasMessage("name is null");
  }
}
