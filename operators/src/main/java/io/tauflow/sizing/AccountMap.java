package io.tauflow.sizing;

import io.tauflow.config.OptionReader;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ReadableConfig;

/** Which account trades which symbol: explicit entries, else the default account. */
public final class AccountMap implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String defaultAccount;
    private final Map<String, String> bySymbol;

    public AccountMap(String defaultAccount, Map<String, String> bySymbol) {
        if (defaultAccount == null || defaultAccount.isBlank()) {
            throw new IllegalArgumentException("default account must not be blank");
        }
        this.defaultAccount = defaultAccount;
        this.bySymbol = new LinkedHashMap<>(bySymbol);
    }

    public static AccountMap single(String account) {
        return new AccountMap(account, Map.of());
    }

    public String accountOf(String symbol) {
        return bySymbol.getOrDefault(symbol, defaultAccount);
    }

    /** The {@code tauflow.account.*} options ({@link SizingOptions}). */
    public static AccountMap from(ReadableConfig conf) {
        return OptionReader.attempt(
                SizingOptions.ACCOUNT_BY_SYMBOL,
                () ->
                        new AccountMap(
                                OptionReader.get(conf, SizingOptions.DEFAULT_ACCOUNT),
                                trimmed(OptionReader.get(conf, SizingOptions.ACCOUNT_BY_SYMBOL))));
    }

    private static Map<String, String> trimmed(Map<String, String> bySymbol) {
        Map<String, String> map = new java.util.TreeMap<>();
        for (Map.Entry<String, String> e : bySymbol.entrySet()) {
            if (e.getKey().isBlank() || e.getValue().isBlank()) {
                throw new IllegalArgumentException(
                        "account mapping entry '"
                                + e.getKey()
                                + ":"
                                + e.getValue()
                                + "' is not SYMBOL:ACCOUNT (e.g. SPY:acct-1,IBM:acct-2)");
            }
            map.put(e.getKey().trim(), e.getValue().trim());
        }
        return map;
    }
}
