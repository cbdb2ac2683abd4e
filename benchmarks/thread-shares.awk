# CPU samples of `jfr print --events jdk.ExecutionSample` by the thread that took them, the Flink
# task threads grouped by the chain they run (their name up to the first " -> " or " ("), so each
# row is one stage of the job; Kafka broker and client threads together.
/sampledThread = / {
    t = $0
    sub(/.*sampledThread = "/, "", t)
    sub(/" \(javaThreadId.*/, "", t)
    sub(/ \([0-9]+\/[0-9]+\)#[0-9]+$/, "", t)
    if (t ~ /kafka|Kafka|data-plane|producer|broker|controller|quorum|group-coordinator/) t = "(Kafka broker and clients)"
    else if (t ~ /^Source Data Fetcher for /) sub(/^Source Data Fetcher for /, "", t)
    else if (t ~ /pekko|jobmanager|flink-metrics|AsyncOperations|flink-operator|Checkpoint|Timer|Mailbox/) t = "(Flink's own threads)"
    split(t, parts, / -> | \(/)
    c[parts[1]]++
    n++
}
END { for (k in c) printf "%5.1f %%  %s\n", 100 * c[k] / n, k }
