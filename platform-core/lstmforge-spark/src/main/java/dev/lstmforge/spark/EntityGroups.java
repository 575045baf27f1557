package dev.lstmforge.spark;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

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
 */
final class EntityGroups {

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
        List<String> columns = List.of(table.columns());
        int e = entityColumn == null ? -1 : columns.indexOf(entityColumn);
        int t = timeColumn == null ? -1 : columns.indexOf(timeColumn);
        Map<String, Long> counts = new HashMap<>();
        if (entityColumn == null) {
            counts.put(null, 0L);
        } else {
            for (Row r : table.groupBy(col(entityColumn).cast("string")).count().collectAsList()) {
                counts.put(r.getString(0), r.getLong(1));
            }
        }
        Balanced p = Balanced.of(counts, Math.max(1, Math.min(partitions, counts.size())));
        return table.javaRDD()
                .mapToPair(r -> new Tuple2<>(
                        new Key(e < 0 || r.isNullAt(e) ? null : r.get(e).toString(), t < 0 ? null : r.get(t)), r))
                .repartitionAndSortWithinPartitions(p, new KeyOrder())
                .values();
    }

    /** An entity and a time. */
    record Key(String entity, Object time) implements Serializable {}

    /** Entity first (missing entities last), then time (missing times first). */
    static final class KeyOrder implements Comparator<Key>, Serializable {

        private static final long serialVersionUID = 1L;
        private static final Comparator<String> ENTITY = Comparator.nullsLast(Comparator.naturalOrder());

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public int compare(Key a, Key b) {
            int c = ENTITY.compare(a.entity(), b.entity());
            if (c != 0 || Objects.equals(a.time(), b.time())) {
                return c;
            }
            if (a.time() == null) {
                return -1;
            }
            if (b.time() == null) {
                return 1;
            }
            return ((Comparable) a.time()).compareTo(b.time());
        }
    }

    /** Each entity to the partition chosen by {@link #of}. */
    static final class Balanced extends Partitioner {

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

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            Integer p = partitionOf.get(((Key) key).entity());
            return p == null ? 0 : p;
        }

        /** Spark compares partitioners to skip a shuffle; two layouts are equal only when identical. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Balanced b && b.partitions == partitions && b.partitionOf.equals(partitionOf);
        }

        @Override
        public int hashCode() {
            return Objects.hash(partitionOf, partitions);
        }
    }
}
