package io.tauflow.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountMapTest {

    @Test
    void explicitEntriesWinOverTheDefault() {
        AccountMap m = AccountMap.parse("acct-0", "SPY:acct-1, IBM : acct-2");

        assertThat(m.accountOf("SPY")).isEqualTo("acct-1");
        assertThat(m.accountOf("IBM")).isEqualTo("acct-2");
        assertThat(m.accountOf("BTCUSDT")).isEqualTo("acct-0");
    }

    @Test
    void aBlankOrMissingSpecMeansEveryoneTradesTheDefault() {
        assertThat(AccountMap.parse("acct-0", "").accountOf("SPY")).isEqualTo("acct-0");
        assertThat(AccountMap.parse("acct-0", "   ").accountOf("SPY")).isEqualTo("acct-0");
        assertThat(AccountMap.parse("acct-0", null).accountOf("SPY")).isEqualTo("acct-0");
        assertThat(AccountMap.single("solo").accountOf("anything")).isEqualTo("solo");
    }

    @Test
    void aBadEntryNamesItselfAndTheExpectedFormat() {
        for (String bad : new String[] {"SPY", "SPY:", ":acct-1", "SPY:acct-1:x", "SPY=acct-1"}) {
            assertThatThrownBy(() -> AccountMap.parse("acct-0", "IBM:acct-2," + bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("SYMBOL:ACCOUNT")
                    .hasMessageContaining("e.g. SPY:acct-1,IBM:acct-2");
        }
    }

    @Test
    void theDefaultAccountMustNotBeBlank() {
        assertThatThrownBy(() -> AccountMap.parse(" ", "SPY:acct-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default account");
        assertThatThrownBy(() -> new AccountMap(null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMapIsACopy() {
        Map<String, String> entries = new HashMap<>(Map.of("SPY", "acct-1"));
        AccountMap m = new AccountMap("acct-0", entries);

        entries.put("SPY", "acct-9");

        assertThat(m.accountOf("SPY")).isEqualTo("acct-1");
    }
}
