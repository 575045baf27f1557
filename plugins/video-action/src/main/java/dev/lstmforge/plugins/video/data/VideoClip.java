package dev.lstmforge.plugins.video.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One labelled video file of a {@link VideoCatalog}.
 *
 * <p>The group says which clips must stay on the same side of a split: clips cut from one source
 * video (UCF101's {@code _gNN_} token, for example {@code v_ApplyEyeMakeup_g08_c01.avi} is in group
 * {@code g08}) share a group, and a clip without such a token is a group of its own.
 *
 * <pre>{@code
 * VideoClip c = catalog.clips().get(0);
 * c.className();   // "ApplyEyeMakeup"
 * c.group();       // "g08"
 * c.name();        // "ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi"
 * }</pre>
 *
 * @param file the video file
 * @param className the class, the name of the folder the file lies in
 * @param group the group id: a {@code gNN} token shared across the collection, or, for a clip
 *     without one, {@code "<class>/<file name>"}, unique to the clip
 */
public record VideoClip(Path file, String className, String group) {

    /** Checks that no part is missing. */
    public VideoClip {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(group, "group");
    }

    /**
     * Returns a short name for reports and messages: the class folder and the file name.
     *
     * @return {@code "<class>/<file name>"}
     */
    public String name() {
        Path f = file.getFileName();
        return className + "/" + (f == null ? file.toString() : f.toString());
    }

    /**
     * Tells whether the group came from a {@code _gNN_} token in the file name (and may therefore
     * be shared with other clips) rather than being the clip's own.
     *
     * @return true for a named group
     */
    public boolean hasNamedGroup() {
        return group.indexOf('/') < 0;
    }
}
