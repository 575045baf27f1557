package dev.lstmforge.plugins.video.data;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.media.MediaFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labelled video clips of a folder-per-class collection: {@code root/<class>/*.mp4} (also
 * {@code .avi}, {@code .mkv}, {@code .webm}, in any letter case).
 *
 * <p>Scanning rules:
 *
 * <ul>
 *   <li>every visible sub-folder of the root is a class, named after the folder; classes are
 *       sorted by name, and the clips of a class by file name (plain {@link String} order, so the
 *       result does not depend on the machine's locale);
 *   <li>only regular files with a video extension count; other files, nested folders and hidden
 *       entries (names starting with {@code .}) are ignored. Whether a file really is a video is
 *       found out when it is decoded, not here;
 *   <li>a clip's group comes from a UCF101-style {@code _gNN_} token in its file name
 *       ({@code v_ApplyEyeMakeup_g08_c01.avi} is in group {@code g08}; the token may also end the
 *       name, as in {@code wave_g3.mp4}). The token names the same group in every class, as in
 *       UCF101's official splits. A clip without a token is a group of its own;
 *   <li>each class needs at least {@link #MIN_CLIPS_PER_CLASS} clips (one to train on, one to
 *       test) and the collection at least two classes.
 * </ul>
 *
 * Every problem is a {@link DataException} whose one-line message names the folder and what is
 * wrong.
 *
 * <pre>{@code
 * VideoCatalog c = VideoCatalog.scan(Path.of("data/ucf-subset"));
 * c.classes();                  // [ApplyEyeMakeup, Archery, Basketball]
 * c.clips().get(0).group();     // "g01"
 * c.classIndex("Archery");      // 1
 * VideoSplits.Plan p = VideoSplits.split(c, 42);
 * }</pre>
 *
 * @param root the folder that was scanned
 * @param classes the class names, sorted
 * @param clips the clips, by class and then by file name
 */
public record VideoCatalog(Path root, List<String> classes, List<VideoClip> clips) {

    /** The file extensions read as video, lower case, without the dot. */
    public static final List<String> EXTENSIONS = List.of("mp4", "avi", "mkv", "webm");

    /**
     * The fewest clips a class may have: one for training and one for the test. A class whose
     * clips all share one group still ends up on one side only (see {@link VideoSplits}).
     */
    public static final int MIN_CLIPS_PER_CLASS = 2;

    private static final Pattern GROUP_TOKEN = Pattern.compile("(?:^|_)([gG]\\d+)(?=_|$)");

    /** Copies the lists. */
    public VideoCatalog {
        classes = List.copyOf(classes);
        clips = List.copyOf(clips);
    }

    /**
     * Scans a folder-per-class collection.
     *
     * @param root the folder holding one sub-folder of video files per class
     * @return the catalog
     * @throws DataException if the root is missing or not a folder, has no class folders or only
     *     one, or a class folder has no video files or fewer than {@link #MIN_CLIPS_PER_CLASS}
     */
    public static VideoCatalog scan(Path root) {
        if (!Files.exists(root)) {
            throw new DataException(root + ": no such folder; give the folder that holds one sub-folder of"
                    + " video files per class (root/<class>/*.mp4)");
        }
        if (!Files.isDirectory(root)) {
            throw new DataException(root + ": is a file, not a folder; give the folder that holds one sub-folder"
                    + " of video files per class (root/<class>/*.mp4)");
        }
        List<Path> entries = MediaFiles.visibleEntries(root);
        List<Path> folders = entries.stream().filter(Files::isDirectory).toList();
        if (folders.isEmpty()) {
            long loose = entries.stream().filter(VideoCatalog::isVideoFile).count();
            String found = loose == 0
                    ? "it holds no sub-folders"
                    : "it holds " + loose + (loose == 1 ? " video file" : " video files") + " but no sub-folders";
            throw new DataException(root + ": no class folders (" + found + "); put the videos of each class in a"
                    + " sub-folder named after the class (root/<class>/*.mp4)");
        }
        List<String> classes = new ArrayList<>();
        List<VideoClip> clips = new ArrayList<>();
        for (Path folder : folders) {
            String cls = folder.getFileName().toString();
            List<Path> files = MediaFiles.visibleEntries(folder);
            List<Path> videos = files.stream().filter(VideoCatalog::isVideoFile).toList();
            if (videos.isEmpty()) {
                long others = files.stream().filter(Files::isRegularFile).count();
                String ignored = others == 0
                        ? "the folder is empty"
                        : others + (others == 1 ? " other file" : " other files") + " ignored";
                throw new DataException(folder + ": class folder '" + cls + "' has no video files (" + extensions()
                        + "; " + ignored + ")");
            }
            if (videos.size() < MIN_CLIPS_PER_CLASS) {
                throw new DataException(folder + ": class '" + cls + "' has " + videos.size()
                        + (videos.size() == 1 ? " video file" : " video files") + "; each class needs at least "
                        + MIN_CLIPS_PER_CLASS + " (one to train on, one to test)");
            }
            classes.add(cls);
            for (Path v : videos) {
                String name = v.getFileName().toString();
                clips.add(new VideoClip(v, cls, groupOf(cls, name)));
            }
        }
        if (classes.size() < 2) {
            throw new DataException(root + ": only one class folder ('" + classes.get(0)
                    + "'); a classifier needs at least 2 classes, each in its own sub-folder");
        }
        return new VideoCatalog(root, classes, clips);
    }

    /**
     * Tells whether a file name has one of the video {@link #EXTENSIONS} (any letter case).
     *
     * @param fileName the file name
     * @return true for {@code clip.MP4}, false for {@code notes.txt} or {@code .hidden.mp4}
     */
    public static boolean isVideoFileName(String fileName) {
        if (fileName.startsWith(".")) {
            return false;
        }
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Finds a clip's group: the first {@code _gNN_} token of the file name (without its extension),
     * in lower case, or {@code "<class>/<file name>"} when there is none.
     *
     * @param className the clip's class
     * @param fileName the clip's file name
     * @return {@code "g08"} for {@code v_ApplyEyeMakeup_g08_c01.avi}; {@code "walk/clip1.mp4"} for
     *     {@code clip1.mp4} in class {@code walk}
     */
    public static String groupOf(String className, String fileName) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        Matcher m = GROUP_TOKEN.matcher(stem);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : className + "/" + fileName;
    }

    private static boolean isVideoFile(Path p) {
        return isVideoFileName(p.getFileName().toString()) && Files.isRegularFile(p);
    }

    private static String extensions() {
        return "." + String.join(", .", EXTENSIONS);
    }

    /**
     * Returns the index of a class in {@link #classes()}.
     *
     * @param className the class name
     * @return its index
     * @throws IllegalArgumentException if the catalog has no such class
     */
    public int classIndex(String className) {
        int i = classes.indexOf(className);
        if (i < 0) {
            throw new IllegalArgumentException("no class '" + className + "' in " + classes);
        }
        return i;
    }

    /**
     * Returns the index of a clip's class in {@link #classes()}.
     *
     * @param clip the clip
     * @return its class index
     */
    public int classIndex(VideoClip clip) {
        return classIndex(clip.className());
    }

    /**
     * Returns the clips of one class, in file-name order.
     *
     * @param className the class name
     * @return the clips (empty for an unknown class)
     */
    public List<VideoClip> clipsOf(String className) {
        return clips.stream().filter(c -> c.className().equals(className)).toList();
    }

    /**
     * Counts the clips of each class.
     *
     * @return class name to clip count, in class order
     */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        classes.forEach(c -> out.put(c, 0));
        clips.forEach(c -> out.merge(c.className(), 1, Integer::sum));
        return out;
    }

    /**
     * Counts the distinct groups.
     *
     * @return the number of groups
     */
    public int groupCount() {
        return (int) clips.stream().map(VideoClip::group).distinct().count();
    }
}
