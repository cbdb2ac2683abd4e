package io.tauflow.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class AccountMapTest {

    private static AccountMap from(String defaultAccount, String bySymbol) {
        Configuration c = new Configuration();
        if (defaultAccount != null) {
            c.setString(SizingOptions.DEFAULT_ACCOUNT.key(), defaultAccount);
        }
        if (bySymbol != null) {
            c.setString(SizingOptions.ACCOUNT_BY_SYMBOL.key(), bySymbol);
        }
        return AccountMap.from(c);
    }

    @Test
    void explicitEntriesWinOverTheDefault() {
        AccountMap m = from("acct-0", "SPY:acct-1,IBM:acct-2");

        assertThat(m.accountOf("SPY")).isEqualTo("acct-1");
        assertThat(m.accountOf("IBM")).isEqualTo("acct-2");
        assertThat(m.accountOf("BTCUSDT")).isEqualTo("acct-0");
        // the YAML form of the same map
        assertThat(from("acct-0", "{SPY: acct-1, IBM: acct-2}").accountOf("IBM"))
                .isEqualTo("acct-2");
    }

    @Test
    void noEntriesMeansEveryoneTradesTheDefault() {
        assertThat(from(null, null).accountOf("SPY")).isEqualTo("paper");
        assertThat(from("acct-0", null).accountOf("SPY")).isEqualTo("acct-0");
        assertThat(AccountMap.single("solo").accountOf("anything")).isEqualTo("solo");
    }

    @Test
    void aBadEntryNamesTheOptionAndTheExpectedFormat() {
        for (String bad : new String[] {"SPY", "SPY:acct-1:x;IBM"}) {
            assertThatThrownBy(() -> from("acct-0", bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tauflow.account.by-symbol");
        }
        assertThatThrownBy(() -> from("acct-0", "SPY: "))
                .hasMessageContaining("tauflow.account.by-symbol")
                .hasMessageContaining("SPY:acct-1,IBM:acct-2");
    }

    @Test
    void theDefaultAccountMustNotBeBlank() {
        assertThatThrownBy(() -> from(" ", "SPY:acct-1"))
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
