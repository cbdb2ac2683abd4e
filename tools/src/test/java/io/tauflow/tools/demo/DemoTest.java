package io.tauflow.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.tools.cli.ConfigMixin;
import io.tauflow.tools.cli.Tauflow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoTest {

    @Test
    void theInspectCommandItPrintsCarriesTheEncoderAndAgentOptions() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        CommandLine cli = Tauflow.commandLine(sink, sink);
        CommandLine.ParseResult parsed =
                cli.parseArgs(
                        "demo",
                        "--tauflow.encoder.preset=large",
                        "-Dtauflow.sizing.base-notional=200",
                        "--tauflow.agent.phase-ends",
                        "10;20;30",
                        "--tauflow.encoder.bins=[3, 3, 3, 1, 3, 3]");
        ConfigMixin config =
                (ConfigMixin) parsed.subcommand().commandSpec().mixins().get("config").userObject();

        assertThat(Demo.inspectOptions(config.passedOptions()))
                .isEqualTo(
                        " '--tauflow.agent.phase-ends=10;20;30'"
                                + " '--tauflow.encoder.bins=[3, 3, 3, 1, 3, 3]'"
                                + " --tauflow.encoder.preset=large");
        assertThat(Demo.inspectOptions(List.of("--tauflow.sizing.base-notional=200"))).isEmpty();
    }
}
