package io.tauflow.tools.cli;

import io.tauflow.jobs.JobSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command that runs or reads the job shares: a directory holding {@code
 * config.yaml}, read first, then any Tauflow or Flink option as {@code -Dkey=value} or {@code
 * --key=value} (also {@code --key value}), which override it. A key must hold a dot (all Tauflow
 * and Flink keys do), so a mistyped option of the command itself ({@code --paralelism 3}) fails as
 * unknown instead of being passed on; an unknown {@code tauflow.*} key fails when the settings are
 * read.
 */
public final class ConfigMixin {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--conf-dir",
            paramLabel = "DIR",
            defaultValue = "${sys:tauflow.conf.dir}",
            description =
                    "Directory holding config.yaml, read first (bin/tauflow: flink-conf/;"
                            + " default: ${DEFAULT-VALUE}).")
    Path confDir;

    @Option(
            names = "-D",
            paramLabel = "KEY=VALUE",
            mapFallbackValue = "",
            description =
                    "Any option of docs/CONFIGURATION.md (tauflow.*) or of Flink; also written"
                            + " --KEY=VALUE.")
    Map<String, String> properties = new LinkedHashMap<>();

    /** The configuration directory, or null if none was given. */
    public Path confDir() {
        return confDir;
    }

    /** The options given as {@code -D} or {@code --key=value}, by key, as {@code --key=value}. */
    public List<String> passedOptions() {
        List<String> out = new ArrayList<>();
        new java.util.TreeMap<>(pairs()).forEach((k, v) -> out.add("--" + k + "=" + v));
        return out;
    }

    /** Whether the command line gave {@code key} (as {@code -D} or {@code --key=value}). */
    public boolean passed(String key) {
        return pairs().containsKey(key);
    }

    /** The configuration: config.yaml of {@code --conf-dir}, then the options given. */
    public Configuration configuration() {
        Configuration conf = new Configuration();
        if (confDir != null) {
            if (!Files.isRegularFile(confDir.resolve("config.yaml"))) {
                throw new ParameterException(
                        mixee.commandLine(),
                        "Invalid value for option '--conf-dir': no config.yaml in '"
                                + confDir
                                + "'");
            }
            conf.addAll(GlobalConfiguration.loadConfiguration(confDir.toString()));
        }
        pairs().forEach(conf::setString);
        return conf;
    }

    /** The settings of {@link #configuration()}, checked: a bad value fails naming its option. */
    public JobSettings settings() {
        return JobSettings.from(configuration());
    }

    private Map<String, String> pairs() {
        Map<String, String> pairs = new LinkedHashMap<>(properties);
        // Tauflow.commandLine lets every command collect the arguments it does not declare; they
        // are read the way the job reads its own arguments.
        List<String> unmatched = mixee.commandLine().getUnmatchedArguments();
        for (String a : unmatched) {
            if (a.startsWith("--") && !a.substring(2).split("=", 2)[0].contains(".")) {
                throw new ParameterException(mixee.commandLine(), "Unknown option: '" + a + "'");
            }
        }
        try {
            pairs.putAll(JobSettings.parseArgs(unmatched.toArray(new String[0])).toMap());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
        return pairs;
    }
}
