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
        rows.forEach((e, n) -> load[p.getPartition(new EntityGroups.Key(e, null))] += n);
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
}
