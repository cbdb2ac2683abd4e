package io.tauflow.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void theInspectCommandItPrintsCarriesTheEncoderAndAgentOptions() {
        assertThat(
                        Demo.inspectOptions(
                                List.of(
                                        "--conf-dir",
                                        "flink-conf",
                                        "--tauflow.encoder.preset=large",
                                        "--tauflow.sizing.base-notional=200",
                                        "--tauflow.agent.phase-ends",
                                        "10;20;30",
                                        "--tauflow.encoder.bins",
                                        "3;3;3;1;3;3")))
                .isEqualTo(
                        " --tauflow.encoder.preset=large --tauflow.agent.phase-ends 10;20;30"
                                + " --tauflow.encoder.bins 3;3;3;1;3;3");
        assertThat(Demo.inspectOptions(List.of("--conf-dir", "flink-conf"))).isEmpty();
    }
}
