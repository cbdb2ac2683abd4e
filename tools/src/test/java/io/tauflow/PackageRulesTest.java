package io.tauflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.runtime.SavepointLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs and STYLE: the stages depend downward only (config, ingest, time,
 * regime and sentiment at the bottom, then features, agent, emotion, sizing, risk), no stage
 * depends on the job, and the job does not depend on the tools around it (io.tauflow.tools: CLI,
 * demo, bench, embedded broker, bundled data), which live in their own module outside the job jar.
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
                        "io.tauflow.config..",
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
                .definedBy("io.tauflow.tools..")
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
     *       barrier, to hold events for the watermark on the heap, and by {@code RiskGateOperator}
     *       to keep accounts on the heap between checkpoints; no public function interface has
     *       these hooks.
     *   <li>{@code KeyedProcessOperator}: extended by {@code WriteBackOperator}, which keeps a
     *       function's value states on the heap between checkpoints and writes them when one is
     *       taken ({@code snapshotState}).
     *   <li>{@code StreamRecord}: the record type of the {@code processElement} and output methods
     *       of the operators above and of {@code EventTimeSortOperator}, which holds records for
     *       the watermark on the heap instead of a state entry and a timer each.
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

    /**
     * Flink's {@code @Internal} methods of public classes, likewise: exactly these, named here so
     * that an upgrade that removes or renames one fails this test.
     *
     * <ul>
     *   <li>{@link StreamExecutionEnvironment#getConfiguration()}: the only way a job's main sees
     *       the configuration it was submitted with (the cluster's {@code config.yaml}, {@code -D}
     *       options), which {@code TradingJob.settings} reads its options from.
     *   <li>{@link OperatorIdentifier#getOperatorId()}: the hashed id of an operator uid, which
     *       {@code inspect} matches against a savepoint's operator states to name what it holds.
     * </ul>
     */
    @Test
    void flinkInternalMethodsOnlyWhereNamed() throws Exception {
        List<Method> allowed =
                List.of(
                        StreamExecutionEnvironment.class.getMethod("getConfiguration"),
                        OperatorIdentifier.class.getMethod("getOperatorId"));
        noClasses()
                .should()
                .callMethodWhere(
                        new DescribedPredicate<JavaMethodCall>(
                                "the target is a Flink @Internal method not named in this test") {
                            @Override
                            public boolean test(JavaMethodCall call) {
                                return call.getTarget()
                                        .resolveMember()
                                        .filter(m -> m.isAnnotatedWith(Internal.class))
                                        .filter(
                                                m ->
                                                        allowed.stream()
                                                                .noneMatch(
                                                                        a ->
                                                                                a.getName()
                                                                                                .equals(
                                                                                                        m
                                                                                                                .getName())
                                                                                        && m.getOwner()
                                                                                                .isEquivalentTo(
                                                                                                        a
                                                                                                                .getDeclaringClass())))
                                        .isPresent();
                            }
                        })
                .check(PRODUCTION);
        // The named methods are still internal: else this list is stale.
        for (Method m : allowed) {
            assertThat(m.isAnnotationPresent(Internal.class)).as(m.toString()).isTrue();
        }
        assertThat(
                        PRODUCTION
                                .get("io.tauflow.jobs.TradingJob")
                                .getMethodCallsFromSelf()
                                .stream()
                                .anyMatch(c -> c.getName().equals("getConfiguration")))
                .isTrue();
    }

    private static final Class<?>[] ALLOWED_INTERNALS = {
        GlobalConfiguration.class,
        KafkaRecordSerializationSchema.KafkaSinkContext.class,
        SavepointLoader.class,
        CoBroadcastWithKeyedOperator.class,
        org.apache.flink.streaming.api.operators.KeyedProcessOperator.class,
        org.apache.flink.streaming.runtime.streamrecord.StreamRecord.class
    };
}
