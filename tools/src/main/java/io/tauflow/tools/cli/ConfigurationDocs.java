package io.tauflow.tools.cli;

import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.TauflowOptions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Class<?>> group : TauflowOptions.GROUPS.entrySet()) {
            sb.append("### ")
                    .append(group.getKey())
                    .append(" (`")
                    .append(group.getValue().getSimpleName())
                    .append("`)\n\n| option | default | meaning |\n|---|---|---|\n");
            List<ConfigOption<?>> options = TauflowOptions.optionsOf(group.getValue());
            options.sort(Comparator.comparing(ConfigOption::key));
            for (ConfigOption<?> o : options) {
                sb.append("| `").append(o.key()).append("` | ").append(defaultOf(o)).append(" | ");
                for (BlockElement b : o.description().getBlocks()) {
                    if (b instanceof TextElement t) {
                        sb.append(t.getFormat().replace("|", "\\|"));
                    }
                }
                List<String> keys = JobSettings.keysOf(o);
                if (keys.size() > 1) {
                    sb.append(" Formerly `")
                            .append(String.join("`, `", keys.subList(1, keys.size())))
                            .append("` (still read).");
                }
                sb.append(" |\n");
            }
            sb.append("\n");
        }
        return sb.toString();
    }

    private static String defaultOf(ConfigOption<?> o) {
        if (!o.hasDefaultValue()) {
            // an option without a default is either required (its description says so) or off
            boolean required = false;
            for (BlockElement b : o.description().getBlocks()) {
                required |= b instanceof TextElement t && t.getFormat().contains("Required.");
            }
            return required ? "required" : "(unset)";
        }
        Object d = o.defaultValue();
        if (d instanceof List<?> list) {
            StringBuilder items = new StringBuilder();
            for (Object item : list) {
                items.append(items.length() == 0 ? "" : ";").append(item);
            }
            d = items.toString();
        } else if (d instanceof Map<?, ?> map) {
            d = map.isEmpty() ? "" : map.toString();
        }
        String s =
                d instanceof Duration dd ? TimeUtils.formatWithHighestUnit(dd) : String.valueOf(d);
        return s.isEmpty() ? "(empty)" : "`" + s + "`";
    }
}
