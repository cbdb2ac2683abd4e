package io.tauflow.jobs;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.BlockElement;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;

/**
 * Prints the table of every Tauflow option for docs/CONFIGURATION.md, from the options themselves;
 * a test keeps the document equal to this output.
 */
public final class ConfigurationDocs {

    private ConfigurationDocs() {}

    public static void main(String[] args) {
        System.out.print(table());
    }

    public static String table() {
        StringBuilder sb = new StringBuilder("| option | default | meaning |\n|---|---|---|\n");
        for (ConfigOption<?> o : JobSettings.known().values()) {
            sb.append("| `").append(o.key()).append("` | ").append(defaultOf(o)).append(" | ");
            for (BlockElement b : o.description().getBlocks()) {
                if (b instanceof TextElement t) {
                    sb.append(t.getFormat().replace("|", "\\|"));
                }
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    private static String defaultOf(ConfigOption<?> o) {
        if (!o.hasDefaultValue()) {
            return "required";
        }
        Object d = o.defaultValue();
        String s =
                d instanceof Duration dd ? TimeUtils.formatWithHighestUnit(dd) : String.valueOf(d);
        return s.isEmpty() ? "(empty)" : "`" + s + "`";
    }
}
