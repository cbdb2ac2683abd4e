# CPU samples of `jfr print --events jdk.ExecutionSample --stack-depth 64`, each counted under
# the innermost Tauflow class on its stack; a sample with none under RocksDB, the Kafka client or
# the Flink runtime if any frame is theirs (in that order), else under (other)
/jdk.ExecutionSample/ { n++; cls = ""; rocks = kafka = flink = 0 }
/^[ \t]+[a-zA-Z]/ && /line:/ {
    f = $1
    if (cls == "" && f ~ /^io\.tauflow\./) { sub(/\(.*/, "", f); sub(/\.[^.]*$/, "", f); cls = f }
    if (tolower($0) ~ /rocksdb/) rocks = 1
    if (f ~ /^org\.apache\.kafka\./) kafka = 1
    if (f ~ /^org\.apache\.flink\./) flink = 1
}
/^[ \t]*\]/ {
    k = cls != "" ? cls : rocks ? "(RocksDB)" : kafka ? "(Kafka client)" : flink ? "(Flink runtime)" : "(other)"
    c[k]++
}
END { for (k in c) printf "%5.1f %%  %s\n", 100 * c[k] / n, k }
