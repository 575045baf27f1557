package dev.lstmforge.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class EntityGroupsTest {

    @Test
    void largestFirstKeepsEveryPartitionWithinOneEntityOfItsShare() {
        Map<String, Long> rows = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            rows.put("e" + i, 1000L + 37L * (i % 11));
        }
        EntityGroups.Balanced p = EntityGroups.Balanced.of(rows, 8);
        long[] load = new long[8];
        rows.forEach((e, n) -> load[p.partitionOf(e)] += n);
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        long largest = rows.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        for (long l : load) {
            assertThat(Math.abs(l - total / 8.0)).isLessThanOrEqualTo(largest);
        }
        // Spark's hash partitioning of the same names, for comparison, is worse than that bound here
        long[] hashed = new long[8];
        rows.forEach((e, n) -> hashed[Math.floorMod(e.hashCode(), 8)] += n);
        assertThat(java.util.Arrays.stream(load).max().orElseThrow())
                .isLessThan(java.util.Arrays.stream(hashed).max().orElseThrow());
    }

    @Test
    void rowsOfAnEntityShareAPartitionSortedByTheTimeColumnsOwnType() {
        SparkSession spark = SparkTests.session();
        List<Row> rows = new ArrayList<>();
        for (long t : new long[] {10, 9, 100, 1, 11}) {
            rows.add(RowFactory.create("a", t));
            rows.add(RowFactory.create("b", -t));
        }
        Dataset<Row> table = spark.createDataFrame(rows, DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("id", DataTypes.StringType, false),
            DataTypes.createStructField("t", DataTypes.LongType, false)
        }));
        List<List<Row>> parts = EntityGroups.sorted(table, "id", "t", 4).glom().collect();
        List<Row> a = parts.stream()
                .filter(p -> p.stream().anyMatch(r -> r.getString(0).equals("a")))
                .findFirst()
                .orElseThrow();
        assertThat(a.stream().filter(r -> r.getString(0).equals("a")).map(r -> r.getLong(1)))
                .containsExactly(1L, 9L, 10L, 11L, 100L);
        assertThat(parts.stream()
                        .filter(p -> p.stream().anyMatch(r -> r.getString(0).equals("b")))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void everyEntityLandsOnThePartitionThePlanChose() {
        SparkSession spark = SparkTests.session();
        List<Row> rows = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        for (int e = 0; e < 37; e++) {
            int n = 1 + (e * 7) % 13;
            counts.put("e" + e, (long) n);
            for (int i = 0; i < n; i++) {
                rows.add(RowFactory.create("e" + e, (long) i));
            }
        }
        rows.add(RowFactory.create(null, 5L));
        rows.add(RowFactory.create(null, 2L));
        counts.put(null, 2L);
        // column names a plain col() would read as nested fields
        Dataset<Row> table = spark.createDataFrame(rows, DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("machine.id", DataTypes.StringType, true),
            DataTypes.createStructField("t s", DataTypes.LongType, false)
        }));
        EntityGroups.Balanced plan = EntityGroups.Balanced.of(counts, 6);
        List<List<Row>> parts =
                EntityGroups.sorted(table, "machine.id", "t s", 6).glom().collect();
        assertThat(parts).hasSize(6);
        for (int p = 0; p < parts.size(); p++) {
            for (Row r : parts.get(p)) {
                assertThat(plan.partitionOf(r.getString(0)))
                        .as("entity %s", r.getString(0))
                        .isEqualTo(p);
            }
        }
        // rows without an entity come last in their partition, sorted by time
        List<Row> nulls = parts.get(plan.partitionOf(null));
        assertThat(nulls.subList(nulls.size() - 2, nulls.size()))
                .extracting(r -> r.isNullAt(0) ? r.getLong(1) : -1L)
                .containsExactly(2L, 5L);
    }

    @Test
    void hashKeysReachEveryPartitionExactlyOnce() {
        for (int p : new int[] {1, 2, 7, 64, 4096}) {
            int[] keys = EntityGroups.hashKeys(p);
            assertThat(keys).hasSize(p).doesNotContain(-1);
            assertThat(java.util.Arrays.stream(keys).distinct().count()).isEqualTo(p);
        }
    }
}
