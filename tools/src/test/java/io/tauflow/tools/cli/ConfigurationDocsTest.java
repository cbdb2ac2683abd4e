package io.tauflow.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** docs/CONFIGURATION.md holds the option tables generated from the options themselves. */
class ConfigurationDocsTest {

    @Test
    void theDocumentListsEveryOptionWithItsDefault() throws Exception {
        String doc = Files.readString(Paths.get("..", "docs", "CONFIGURATION.md"));
        assertThat(doc).contains(ConfigurationDocs.table());
        assertThat(ConfigurationDocs.table())
                .contains("| `tauflow.var.window` | `1 h` |")
                .contains("Formerly `tauflow.risk.var-window` (still read).")
                .contains("| `tauflow.features.momentum-bars` | `5;15;60` |");
    }
}
