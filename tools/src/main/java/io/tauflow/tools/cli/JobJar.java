package io.tauflow.tools.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Where the build put the shaded job jar ({@code jobs/target/tauflow-jobs-*-job.jar}). */
public final class JobJar {

    private JobJar() {}

    /** The directory it is built into, under {@code tauflow.home}. */
    public static Path directory() {
        return Paths.get(System.getProperty("tauflow.home", ".")).resolve("jobs/target");
    }

    /** The jar, if built. */
    public static Optional<Path> find() throws IOException {
        Path target = directory();
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars =
                    Files.newDirectoryStream(target, "tauflow-jobs-*-job.jar")) {
                for (Path jar : jars) {
                    return Optional.of(jar.toAbsolutePath().normalize());
                }
            }
        }
        return Optional.empty();
    }
}
