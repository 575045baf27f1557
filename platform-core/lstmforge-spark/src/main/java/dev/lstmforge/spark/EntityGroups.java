package dev.lstmforge.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * Lays a table out for per-entity work: every row of an entity in one partition, the rows of a
 * partition sorted by entity and then by time (in the time column's own type, so numbers and
 * timestamps sort as themselves), and the partitions balanced by rows.
 *
 * <p>Spark's hash partitioning leaves some partitions with twice the rows of others when there
 * are few entities, and the job waits for the largest; adaptive execution may also merge the
 * partitions of a small table into one, so a few large trainings run one after the other. Here
 * the driver counts each entity's rows and places the largest first, each on the partition with
 * the fewest rows so far; a partition then holds at most one entity more than its fair share.
 *
 * <p>The rows move through Spark SQL's own shuffle and sort (binary rows, whatever
 * {@code spark.serializer} is): each entity gets a small integer key that Spark's hash
 * partitioning sends to the partition chosen for it, joined on from a broadcast table.
 */
final class EntityGroups {

    /** Spark's seed for {@code hash()} and for hash partitioning. */
    private static final int SPARK_HASH_SEED = 42;

    private static final String ENTITY = "__lstmforge_group_entity";
    private static final String KEY = "__lstmforge_group_key";

    private EntityGroups() {}

    /**
     * Groups and sorts a table.
     *
     * @param table the rows
     * @param entityColumn the entity column, or null: the table is one series
     * @param timeColumn the time column, or null: keep each entity's rows in any order
     * @param partitions how many partitions; more than the entities only leaves some empty
     * @return the rows (all the table's columns), grouped and sorted
     */
    static JavaRDD<Row> sorted(Dataset<Row> table, String entityColumn, String timeColumn, int partitions) {
        String[] columns = table.columns();
        Column entity = entityColumn == null
                ? org.apache.spark.sql.functions.lit(null).cast("string")
                : column(entityColumn).cast("string");
        Map<String, Long> counts = new HashMap<>();
        if (entityColumn == null) {
            counts.put(null, 0L);
        } else {
            for (Row r : table.groupBy(entity).count().collectAsList()) {
                counts.put(r.getString(0), r.getLong(1));
            }
        }
        Balanced plan = Balanced.of(counts, Math.max(1, Math.min(partitions, counts.size())));
        int[] keys = hashKeys(plan.partitions());
        List<Row> assignment = new ArrayList<>(counts.size());
        counts.keySet().forEach(e -> assignment.add(RowFactory.create(e, keys[plan.partitionOf(e)])));
        Dataset<Row> keyed = table.sparkSession()
                .createDataFrame(assignment, DataTypes.createStructType(new StructField[] {
                    DataTypes.createStructField(ENTITY, DataTypes.StringType, true),
                    DataTypes.createStructField(KEY, DataTypes.IntegerType, false)
                }));
        Dataset<Row> withKey = table.withColumn(ENTITY, entity);
        Dataset<Row> joined = withKey.join(broadcast(keyed), withKey.col(ENTITY).eqNullSafe(keyed.col(ENTITY)))
                .select(withKey.col("*"), keyed.col(KEY));
        List<Column> order = new ArrayList<>();
        order.add(col(ENTITY).asc_nulls_last());
        if (timeColumn != null) {
            order.add(column(timeColumn).asc_nulls_first());
        }
        return joined.repartition(plan.partitions(), col(KEY))
                .sortWithinPartitions(order.toArray(Column[]::new))
                .select(java.util.Arrays.stream(columns)
                        .map(EntityGroups::column)
                        .toArray(Column[]::new))
                .javaRDD();
    }

    /** A column by its name as the table has it, dots and spaces included. */
    private static Column column(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    /**
     * For each of {@code partitions} partitions, the smallest non-negative integer that Spark's
     * hash partitioning ({@code pmod(hash(key), partitions)}) sends there.
     */
    static int[] hashKeys(int partitions) {
        int[] keys = new int[partitions];
        java.util.Arrays.fill(keys, -1);
        int found = 0;
        for (int v = 0; found < partitions; v++) {
            int p = Math.floorMod(Murmur3_x86_32.hashInt(v, SPARK_HASH_SEED), partitions);
            if (keys[p] < 0) {
                keys[p] = v;
                found++;
            }
        }
        return keys;
    }

    /** Which partition each entity goes to, chosen by {@link #of}. */
    static final class Balanced implements Serializable {

        private static final long serialVersionUID = 1L;
        private final Map<String, Integer> partitionOf;
        private final int partitions;

        private Balanced(Map<String, Integer> partitionOf, int partitions) {
            this.partitionOf = partitionOf;
            this.partitions = partitions;
        }

        /** Largest entity first, each to the partition with the fewest rows so far. */
        static Balanced of(Map<String, Long> rowsPerEntity, int partitions) {
            List<Map.Entry<String, Long>> entities = new ArrayList<>(rowsPerEntity.entrySet());
            entities.sort(Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.nullsLast(Comparator.naturalOrder()))));
            PriorityQueue<long[]> load = new PriorityQueue<>(
                    Comparator.<long[]>comparingLong(l -> l[0]).thenComparingLong(l -> l[1]));
            for (int i = 0; i < partitions; i++) {
                load.add(new long[] {0, i});
            }
            Map<String, Integer> of = new HashMap<>();
            for (Map.Entry<String, Long> en : entities) {
                long[] least = load.poll();
                of.put(en.getKey(), (int) least[1]);
                least[0] += en.getValue();
                load.add(least);
            }
            return new Balanced(of, partitions);
        }

        /** How many partitions. */
        int partitions() {
            return partitions;
        }

        /** The partition of an entity (null for rows without one); 0 for an entity not counted. */
        int partitionOf(String entity) {
            Integer p = partitionOf.get(entity);
            return p == null ? 0 : p;
        }
    }
}
