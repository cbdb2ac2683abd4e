package io.tauflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs and STYLE: the stages depend downward only (ingest, time, regime and
 * sentiment at the bottom, then features, agent, emotion, sizing, risk), no stage depends on the
 * job, and the job does not depend on the tools around it (CLI, demo, bench, embedded broker).
 */
class PackageRulesTest {

    private static final JavaClasses PRODUCTION =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.tauflow");

    @Test
    void stagesDependDownwardOnly() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("base")
                .definedBy(
                        "io.tauflow.ingest..",
                        "io.tauflow.time..",
                        "io.tauflow.regime..",
                        "io.tauflow.sentiment..")
                .layer("features")
                .definedBy("io.tauflow.features..")
                .layer("agent")
                .definedBy("io.tauflow.agent..")
                .layer("emotion")
                .definedBy("io.tauflow.emotion..")
                .layer("sizing")
                .definedBy("io.tauflow.sizing..")
                .layer("risk")
                .definedBy("io.tauflow.risk..")
                .layer("job")
                .definedBy("io.tauflow.jobs")
                .layer("tools")
                .definedBy(
                        "io.tauflow.jobs.cli..",
                        "io.tauflow.jobs.demo..",
                        "io.tauflow.jobs.bench..",
                        "io.tauflow.jobs.embedded..")
                .whereLayer("tools")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("job")
                .mayOnlyBeAccessedByLayers("tools")
                .whereLayer("risk")
                .mayOnlyBeAccessedByLayers("job", "tools")
                .whereLayer("sizing")
                .mayOnlyBeAccessedByLayers("risk", "job", "tools")
                .whereLayer("emotion")
                .mayOnlyBeAccessedByLayers("sizing", "risk", "job", "tools")
                .whereLayer("agent")
                .mayOnlyBeAccessedByLayers("emotion", "sizing", "risk", "job", "tools")
                .whereLayer("features")
                .mayOnlyBeAccessedByLayers("agent", "emotion", "sizing", "risk", "job", "tools")
                .check(PRODUCTION);
    }

    /**
     * Flink's {@code @Internal} classes may change in any release. The code uses exactly these,
     * each because no public API does the job (named here by class, so an upgrade that moves one
     * breaks this file's compilation); any other fails this test.
     *
     * <ul>
     *   <li>{@link GlobalConfiguration}: reads a {@code config.yaml} directory the way Flink does
     *       ({@code --conf-dir}).
     *   <li>{@link KafkaRecordSerializationSchema.KafkaSinkContext}: a parameter type of the
     *       connector's public serializer interface.
     *   <li>{@link SavepointLoader}: lists a savepoint's operators for {@code inspect}'s error
     *       message.
     *   <li>{@link CoBroadcastWithKeyedOperator}: the keyed-broadcast operator, extended by {@code
     *       SymbolAgentOperator} to write the agents' pending Q-table rows before each checkpoint
     *       barrier; no public function interface has that hook.
     * </ul>
     */
    @Test
    void flinkInternalsOnlyWhereNamed() {
        noClasses()
                .should()
                .dependOnClassesThat(
                        JavaClass.Predicates.belongToAnyOf(ALLOWED_INTERNALS)
                                .negate()
                                .and(CanBeAnnotated.Predicates.annotatedWith(Internal.class)))
                .check(PRODUCTION);
    }

    private static final Class<?>[] ALLOWED_INTERNALS = {
        GlobalConfiguration.class,
        KafkaRecordSerializationSchema.KafkaSinkContext.class,
        SavepointLoader.class,
        CoBroadcastWithKeyedOperator.class
    };
}
