package dev.lstmforge.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import scala.jdk.javaapi.CollectionConverters;

/** Turns the Java values a translator gives ({@code double[]}, maps) into what Spark rows hold. */
final class SparkValues {

    private SparkValues() {}

    static Object external(Object v) {
        if (v instanceof double[] a) {
            List<Object> list = new ArrayList<>(a.length);
            for (double d : a) {
                list.add(d);
            }
            return CollectionConverters.asScala(list).toSeq();
        }
        if (v instanceof Map<?, ?> m) {
            return CollectionConverters.asScala(m);
        }
        return v;
    }
}
